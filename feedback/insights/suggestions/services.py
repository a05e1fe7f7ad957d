"""Accept or reject a suggestion: each one decision by a manager, recorded on the row.

Called only with suggestions the view has loaded through the manager's units. A decided
suggestion stays (state, when, who): an accepted one is a curated example, a rejected one
tells the grouping job never to suggest that note for that insight again.
"""

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Suggestion, SuggestionState

from ..services import note_move

logger = logging.getLogger(__name__)


def _claim(suggestion: Suggestion) -> Suggestion:
    """The row, locked; a suggestion already decided (another tab, a colleague) is refused."""
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("note", "note__unit", "insight")
        .get(pk=suggestion.pk)
    )
    if suggestion.state != SuggestionState.OPEN:
        raise ValidationError(_("This suggestion has already been decided."), code="decided")
    return suggestion


def _decide(suggestion: Suggestion, *, state: str, user: AbstractBaseUser) -> None:
    suggestion.state = state
    suggestion.decided_at = timezone.now()
    suggestion.decided_by = user
    suggestion.save(update_fields=["state", "decided_at", "decided_by"])


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, user: AbstractBaseUser) -> Suggestion:
    """Move the note into the suggested insight as the manager's placement."""
    suggestion = _claim(suggestion)
    if suggestion.insight.merged_into_id is not None:
        raise ValidationError(_("The suggested insight no longer exists."), code="merged")
    try:
        note_move(note=suggestion.note, target=suggestion.insight)
    except ValueError:
        raise ValidationError(
            _("A note can join only an insight of its own service area."), code="area"
        ) from None
    _decide(suggestion, state=SuggestionState.ACCEPTED, user=user)
    # The note's other open guesses are moot now that a manager placed it.
    Suggestion.objects.filter(note_id=suggestion.note_id, state=SuggestionState.OPEN).delete()
    logger.info(
        "suggestion accepted suggestion_id=%s note_id=%s insight_id=%s",
        suggestion.pk,
        suggestion.note_id,
        suggestion.insight_id,
    )
    return suggestion


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, user: AbstractBaseUser) -> Suggestion:
    """The note does not belong there; the job will not suggest it again."""
    suggestion = _claim(suggestion)
    _decide(suggestion, state=SuggestionState.REJECTED, user=user)
    logger.info(
        "suggestion rejected suggestion_id=%s note_id=%s insight_id=%s",
        suggestion.pk,
        suggestion.note_id,
        suggestion.insight_id,
    )
    return suggestion
