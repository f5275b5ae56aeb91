"""The router's APN profiles as the HA side sees them: names and which one is in use, never a secret.

A transport reads the stored profiles (goform/apn.py, ubus/apn.py) and keeps only the name,
the PDP type and its own handle for each; the user name and password of a profile never
leave the transport's parser (no state, attribute, log line or diagnostics shows them).
"""

from __future__ import annotations

from dataclasses import dataclass

# The select's option for "let the router choose the APN itself".
AUTOMATIC = "Automatic"


@dataclass(frozen=True, slots=True)
class ApnProfile:
    """One stored profile: the transport's handle (an index or a profile id), its name, PDP type."""

    handle: str
    name: str
    pdp_type: str = ""


@dataclass(frozen=True, slots=True)
class ApnState:
    """The stored profiles and the router's choice: automatic, or one profile by its handle."""

    automatic: bool
    profiles: tuple[ApnProfile, ...] = ()
    selected: str | None = None  # the handle of the default profile (manual mode)

    @property
    def options(self) -> tuple[str, ...]:
        """AUTOMATIC, then each profile's name once (a duplicate name is offered once, the first)."""
        return (
            AUTOMATIC,
            *dict.fromkeys(profile.name for profile in self.profiles if profile.name != AUTOMATIC),
        )

    @property
    def current(self) -> str | None:
        """The option in use: AUTOMATIC, a profile's name, or None (a handle that is no profile)."""
        if self.automatic:
            return AUTOMATIC
        profile = self.profile_by_handle(self.selected)
        return profile.name if profile is not None else None

    def profile_by_handle(self, handle: str | None) -> ApnProfile | None:
        """The profile with this handle, if any."""
        return next((profile for profile in self.profiles if profile.handle == handle), None)

    def profile_named(self, name: str) -> ApnProfile | None:
        """The first profile with this name, if any."""
        return next((profile for profile in self.profiles if profile.name == name), None)
