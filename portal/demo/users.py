"""The demo's administrator account: created once, never with a known password, never reset."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

USERNAME = "admin"
EMAIL = "admin@quartieri.example"
PASSWORD_VARIABLE = "DEMO_ADMIN_PASSWORD"  # noqa: S105 (the name of a variable, not a password)

# Passwords that appear in demo READMEs and tutorials; the validators catch most of them too.
KNOWN_PASSWORDS = {
    "admin",
    "administrator",
    "changeme",
    "demo",
    "letmein",
    "password",
    "quartieri",
    "secret",
    "wagtail",
    "admin123",
    "password123",
    "changeme123",
}


@dataclass(frozen=True)
class AdminAccount:
    password: str
    generated: bool


def _new_user(**fields):
    user_model = get_user_model()
    return user_model(**{user_model.USERNAME_FIELD: USERNAME, "email": EMAIL}, **fields)


def check_password(password: str) -> None:
    """Refuse a known or weak password, naming the reason."""
    if password.strip().lower() in KNOWN_PASSWORDS:
        raise CommandError(
            f"{PASSWORD_VARIABLE} is a well-known password; choose another one or leave it unset "
            "to have one generated."
        )
    try:
        validate_password(password, _new_user())
    except ValidationError as error:
        raise CommandError(f"{PASSWORD_VARIABLE} is too weak: {' '.join(error.messages)}") from error


def admin_to_create(password: str | None) -> AdminAccount | None:
    """The account to create, or None if `admin` exists already (it is never changed).

    Without a `password` one is generated. Call it before building anything, so that a
    refused password stops the command at once.
    """
    user_model = get_user_model()
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: USERNAME}).exists():
        return None
    if password:
        check_password(password)
        return AdminAccount(password=password, generated=False)
    return AdminAccount(password=secrets.token_urlsafe(12), generated=True)


def create_admin(account: AdminAccount) -> None:
    user_model = get_user_model()
    user_model._default_manager.create_superuser(
        **{user_model.USERNAME_FIELD: USERNAME, "email": EMAIL, "password": account.password}
    )
