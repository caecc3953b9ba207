"""A signed-out person's situation becomes their new account's situation on sign-up."""

from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.dispatch import receiver
from django.utils import timezone

from .models import Profile
from .situation import SESSION_KEY, session_situation


@receiver(user_signed_up)
def keep_the_situation(sender, request, user, **kwargs) -> None:
    situation = session_situation(request.session)
    if not situation:
        return
    Profile.from_situation(user, situation, today=timezone.localdate())
    request.session.pop(SESSION_KEY, None)
    if situation.get("credentials"):
        messages.info(
            request,
            "Your situation from the planner is saved. Add the dates you earned your "
            "credentials on My situation: they count as earned today until you do.",
        )
    else:
        messages.info(request, "Your situation from the planner is saved in your account.")
