"""The GSM 03.38 (3GPP TS 23.038) 7-bit default alphabet, for choosing an SMS encoding.

The router's own web page sends `encode_type=GSM7_default` only when every character is in the
default alphabet or its extension table, and `UNICODE` otherwise; the message body itself is
UCS-2 hex either way (see sms.py). Characters of the extension table cost two septets (an escape
plus the character), which matters for the length limit.
"""

from __future__ import annotations

# The 128 characters of the default alphabet in code order; 0x1B (escape to the extension
# table) is not a character of its own and is left out.
DEFAULT_ALPHABET = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞ"
    "ÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table reached through the escape: form feed, ^ { } \ [ ~ ] | and the euro sign.
EXTENSION_TABLE = frozenset("\f^{}\\[~]|€")


def is_gsm7(text: str) -> bool:
    """True when every character can be sent in the 7-bit default alphabet (+ extension table)."""
    return all(char in DEFAULT_ALPHABET or char in EXTENSION_TABLE for char in text)


def septets(text: str) -> int | None:
    """How many septets the text takes in GSM-7 (extension characters count two); None if it cannot."""
    count = 0
    for char in text:
        if char in DEFAULT_ALPHABET:
            count += 1
        elif char in EXTENSION_TABLE:
            count += 2
        else:
            return None
    return count


__all__ = ["DEFAULT_ALPHABET", "EXTENSION_TABLE", "is_gsm7", "septets"]
