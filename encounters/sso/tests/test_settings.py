"""Single sign-on settings fail loudly when half done (fresh processes, real environments)."""

from kumppanuus.tests.test_settings import PRODUCTION_ENV, run_manage

ENTRA = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000"
SSO_ENV = {
    "OIDC_PROVIDER_NAME": "Hyvinvointialue",
    "OIDC_ISSUER": f"{ENTRA}/v2.0",
    "OIDC_RP_CLIENT_ID": "11111111-1111-1111-1111-111111111111",
    "OIDC_RP_CLIENT_SECRET": "client-secret-from-the-app-registration",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ENTRA}/oauth2/v2.0/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ENTRA}/oauth2/v2.0/token",
    "OIDC_OP_USER_ENDPOINT": "https://graph.microsoft.com/oidc/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{ENTRA}/discovery/v2.0/keys",
    "OIDC_OP_LOGOUT_ENDPOINT": f"{ENTRA}/oauth2/v2.0/logout",
    "LOCAL_LOGIN": "false",
    "LOCAL_LOGIN_USERS": "varajarjestelma",
}


def test_a_production_configuration_with_single_sign_on_passes_the_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **SSO_ENV}
    )

    assert result.returncode == 0, result.stderr + result.stdout


def test_a_half_configured_provider_stops_start_up_naming_what_is_missing():
    env = {**PRODUCTION_ENV, **SSO_ENV, "OIDC_OP_TOKEN_ENDPOINT": "", "OIDC_ISSUER": ""}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "these are empty: OIDC_ISSUER, OIDC_OP_TOKEN_ENDPOINT." in result.stderr


def test_passwords_off_without_single_sign_on_stops_start_up():
    result = run_manage("check", env={**PRODUCTION_ENV, "LOCAL_LOGIN": "false"})

    assert result.returncode != 0
    assert "LOCAL_LOGIN is off but single sign-on is not configured" in result.stderr
