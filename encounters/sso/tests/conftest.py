"""A real OpenID Connect provider on loopback, and a sign-in driven through it.

`provider/provider.js` runs oidc-provider (OpenID Certified) under Node. The suite installs it
with `npm ci` when its node_modules is missing; without Node the tests skip (CI: fail).
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from conftest import need
from encounters.models import GroupMapping, Unit

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_ID = "kumppanuus"
CLIENT_SECRET = secrets.token_urlsafe(32)
PROVIDER_PASSWORD = "provider-password-1"  # noqa: S105

# The organisation's accounts at its provider, with the groups it put them in.
ACCOUNTS = {
    "hoitaja": {
        "sub": "00000000-0000-0000-0000-00000000a001",
        "preferred_username": "hilkka.hoitaja@hyvinvointialue.example",
        "given_name": "Hilkka",
        "family_name": "Hoitaja",
        "email": "hilkka.hoitaja@hyvinvointialue.example",
        "groups": ["kotihoito-keskusta", "kotihoito-tikkakoski", "kaikki-tyontekijat"],
    },
    "esihenkilo": {
        "sub": "00000000-0000-0000-0000-00000000a002",
        "preferred_username": "eero.esihenkilo@hyvinvointialue.example",
        "groups": ["kotihoito-keskusta-esihenkilot", "kotihoito-aluejohto"],
    },
    "johtaja": {
        "sub": "00000000-0000-0000-0000-00000000a003",
        "preferred_username": "jaana.johtaja@hyvinvointialue.example",
        "groups": ["kumppanuus-paakayttajat"],
    },
    "talous": {
        "sub": "00000000-0000-0000-0000-00000000a004",
        "preferred_username": "tuomas.talous@hyvinvointialue.example",
        "groups": ["taloushallinto"],
    },
}


class LoopbackProvider:
    """The running provider: its discovery document and its test controls."""

    def __init__(self, process: subprocess.Popen, issuer: str, control_token: str) -> None:
        self.process = process
        self.issuer = issuer
        self._control_token = control_token
        self.metadata = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=10
        ).json()

    def _control(self, method: str, path: str, payload: dict | None = None) -> None:
        response = requests.request(
            method,
            f"{self.issuer}/__test__/{path}",
            json=payload,
            headers={"X-Control-Token": self._control_token},
            timeout=10,
        )
        assert response.status_code == 204, response.text

    def reset(self) -> None:
        self._control("POST", "reset")

    def set_groups(self, account: str, groups: list[str]) -> None:
        self._control("PUT", f"accounts/{account}", {"claims": {"groups": groups}})

    def remove_account(self, account: str) -> None:
        self._control("DELETE", f"accounts/{account}")

    def issue_faulty_id_tokens(self, kind: str | None) -> None:
        """From now on the token endpoint's ID token is `kind`: tampered, wrong-audience,
        expired, wrong-issuer or wrong-nonce (None: genuine again)."""
        self._control("PUT", "fault", {"kind": kind})


def _install() -> None:
    node = shutil.which("node")
    need(bool(node), "needs Node.js 20+ for the loopback OpenID provider")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    major = int(version.stdout.strip().lstrip("v").split(".")[0])
    need(major >= 20, f"needs Node.js 20+ for the loopback OpenID provider, not {major}")
    if (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    need(bool(npm), "needs npm to install the loopback OpenID provider (npm ci)")
    subprocess.run(  # the pinned package-lock.json
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=PROVIDER_DIR,
        check=True,
        timeout=300,
    )


@contextlib.contextmanager
def running_provider(base_urls: list[str]):
    """Start provider.js with a client whose redirect addresses are on these bases."""
    _install()
    control_token = secrets.token_urlsafe(16)
    config = {
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "client_name": "Kumppanuus",
                "redirect_uris": [f"{base}/oidc/callback/" for base in base_urls],
                "post_logout_redirect_uris": [f"{base}/oidc/signed-out/" for base in base_urls],
                "token_endpoint_auth_method": "client_secret_post",
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
            }
        ],
        "accounts": {
            name: {"password": PROVIDER_PASSWORD, "claims": claims}
            for name, claims in ACCOUNTS.items()
        },
        "control_token": control_token,
    }
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [shutil.which("node"), "provider.js"],
            cwd=PROVIDER_DIR,
            env={**os.environ, "PROVIDER_CONFIG": json.dumps(config)},
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        try:
            line = process.stdout.readline()
            if not line:
                process.wait(timeout=10)
                log.seek(0)
                pytest.fail(f"the loopback OpenID provider did not start:\n{log.read()}")
            yield LoopbackProvider(process, json.loads(line)["issuer"], control_token)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def loopback_provider():
    """One provider for the test client's sign-ins (http://testserver)."""
    with running_provider(["http://testserver"]) as provider:
        yield provider


def configure_sso(settings, provider: LoopbackProvider) -> None:
    """Point Kumppanuus at the provider as an admin would, from its discovery document."""
    metadata = provider.metadata
    settings.OIDC_PROVIDER_NAME = "Hyvinvointialue"
    settings.OIDC_ISSUER = metadata["issuer"]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = metadata["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = metadata["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
    settings.OIDC_OP_LOGOUT_ENDPOINT = metadata["end_session_endpoint"]


@pytest.fixture
def sso(settings, loopback_provider, group_mappings):
    """Single sign-on on, against the loopback provider in its initial state."""
    loopback_provider.reset()
    configure_sso(settings, loopback_provider)
    yield loopback_provider
    loopback_provider.reset()


@pytest.fixture
def second_unit(area):
    return Unit.objects.create(service_area=area, name="Tikkakosken kotihoito", slug="tikkakoski")


@pytest.fixture
def group_mappings(unit, second_unit, area, other_unit):
    """The organisation's mapping: groups to units, roles, an area and the organisation."""
    grant = GroupMapping.Grant
    rows = [
        GroupMapping(group="kotihoito-keskusta", grant=grant.UNIT_WORKER, unit=unit),
        GroupMapping(group="kotihoito-tikkakoski", grant=grant.UNIT_WORKER, unit=second_unit),
        GroupMapping(group="kotihoito-keskusta-esihenkilot", grant=grant.UNIT_MANAGER, unit=unit),
        GroupMapping(group="kotihoito-aluejohto", grant=grant.AREA_MANAGER, service_area=area),
        GroupMapping(group="kumppanuus-paakayttajat", grant=grant.ORGANISATION_ADMIN),
        GroupMapping(group="organisation-admins", grant=grant.ORGANISATION_ADMIN),
    ]
    return GroupMapping.objects.bulk_create(rows)


class BrowserAtProvider:
    """One person's browser: Django's test client for Kumppanuus, a requests session (with
    the provider's cookies) for the provider, following redirects between the two."""

    def __init__(self, client, provider: LoopbackProvider) -> None:
        self.client = client
        self.provider = provider
        self.session = requests.Session()

    def follow_at_provider(self, url: str, data: dict | None = None):
        """Follow the provider's redirects: the URL back to Kumppanuus, or the page shown."""
        if data is None:
            response = self.session.get(url, allow_redirects=False, timeout=10)
        else:
            response = self.session.post(url, data=data, allow_redirects=False, timeout=10)
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith("http://testserver/"):
                return location.removeprefix("http://testserver")
            response = self.session.get(location, allow_redirects=False, timeout=10)
        return response

    def log_in_at_provider(self, page: requests.Response, account: str) -> str:
        action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
        back = self.follow_at_provider(
            urljoin(page.url, action), {"username": account, "password": PROVIDER_PASSWORD}
        )
        assert isinstance(back, str), back.text
        return back

    def log_out_at_provider(self, page: requests.Response) -> str:
        """Confirm the provider's sign-out form; the URL it sends back to Kumppanuus."""
        form = re.search(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', page.text, re.S)
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(2)))
        back = self.follow_at_provider(
            urljoin(page.url, form.group(1)), {**fields, "logout": "yes"}
        )
        assert isinstance(back, str), back.text
        return back

    def authorization_url(self, language: str = "fi", next_url: str = "") -> str:
        with_next = f"?next={next_url}" if next_url else ""
        response = self.client.get(f"/{language}/login/sso/{with_next}")
        assert response.status_code == 302
        assert response["Location"].startswith(self.provider.metadata["authorization_endpoint"])
        return response["Location"]

    def sign_in(self, account: str, *, language: str = "fi", next_url: str = ""):
        """Start at Kumppanuus, sign in at the provider (if it asks), return the callback's
        response."""
        back = self.follow_at_provider(self.authorization_url(language, next_url))
        if not isinstance(back, str):
            back = self.log_in_at_provider(back, account)
        return self.client.get(back)


@pytest.fixture
def browser_at_provider(client, sso):
    return BrowserAtProvider(client, sso)
