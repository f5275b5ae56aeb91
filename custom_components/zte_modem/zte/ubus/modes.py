"""Which network-mode tokens a ubus firmware takes: they differ by firmware, so only a known list that
holds the router's current token is offered (else that token alone)."""

from __future__ import annotations

# Each list as documented for one firmware family (docs: ../shared/docs/ubus-protocol.md §2.5).
KNOWN_MODE_LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("G5TS (zte-cpe-rs)", ("4G_AND_5G", "LTE_AND_5G", "Only_5G", "Only_LTE")),
    ("U60 Pro", ("WL_AND_5G", "LTE_AND_5G", "Only_5G", "Only_LTE", "Only_WCDMA")),
    ("retail build with WL_AND_NSA", ("WL_AND_5G", "WL_AND_NSA", "LTE_AND_5G", "Only_5G", "Only_LTE")),
    ("MC7500 document", ("AUTO_AND_5G", "ONLY_5G", "ONLY_LTE")),
)


def network_modes_for(current: str) -> tuple[tuple[str, ...], str]:
    """The modes to offer for a router whose `net_select` reads `current`, and why."""
    token = current.strip()
    for name, modes in KNOWN_MODE_LISTS:
        if token in modes:
            return modes, f"network modes: the {name} list, which holds the current {token}"
    if token:
        return (token,), "network modes: only the current one (no known list holds it)"
    return (), "network modes: none reported"
