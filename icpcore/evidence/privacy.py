"""PII stripping (CONTRACT section 6): contact columns dropped or hashed, free text masked."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field

# Column names that hold a person's contact details.
CONTACT_COLUMN = re.compile(
    r"(^|_)(e_?mail|email_address|phone|phone_number|mobile|telephone|tel|"
    r"first_?name|last_?name|full_?name|given_?name|family_?name|surname|contact_?name|contact)($|_)"
)

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# URLs whose path points at a person: social profiles and /in/, /u/, /users/, /profile/, ~name.
PERSONAL_URL = re.compile(
    r"(?:https?://|www\.)[^\s/]*?"
    r"(?:(?:linkedin\.com|facebook\.com|fb\.com|twitter\.com|x\.com|instagram\.com|github\.com|tiktok\.com|"
    r"medium\.com|about\.me|calendly\.com)/\S+"
    r"|[^\s]*/(?:in|u|user|users|profile|profiles|people|~)[/\w.\-]*\S*|[^\s]*/~\S+)",
    re.IGNORECASE,
)
PHONE_CANDIDATE = re.compile(r"(?<![\w.])\+?\(?\d[\d\s().\-]{6,}\d(?![\w])")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_contact_column(name: str) -> bool:
    return bool(CONTACT_COLUMN.search(name.strip().lower()))


def _looks_like_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    if digits < 7 or digits > 15 or ISO_DATE.match(candidate.strip("(+ ")):
        return False
    # Plain numbers (amounts, years, ids) have no separators; phone numbers do or start with +.
    return candidate.startswith("+") or any(sep in candidate for sep in " -.()")


def _mask_phones(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if _looks_like_phone(match.group(0)):
            count += 1
            return "[phone]"
        return match.group(0)

    return PHONE_CANDIDATE.sub(replace, text), count


@dataclass
class MaskCounts:
    email: int = 0
    phone: int = 0
    url: int = 0

    @property
    def total(self) -> int:
        return self.email + self.phone + self.url

    def add(self, other: MaskCounts) -> None:
        self.email += other.email
        self.phone += other.phone
        self.url += other.url


def scrub_text(text: str) -> tuple[str, MaskCounts]:
    """Replace emails, personal URLs and phone numbers by [email], [url], [phone]."""
    counts = MaskCounts()
    if not text or not any(ch.isdigit() or ch in "@/" for ch in text):
        return text, counts
    text, counts.email = EMAIL.subn("[email]", text)
    text, counts.url = PERSONAL_URL.subn("[url]", text)
    text, counts.phone = _mask_phones(text)
    return text, counts


def salted_hash(value: str) -> str:
    """A stable pseudonym for a contact value needed as a key (set ICP_PII_SALT in production)."""
    salt = os.environ.get("ICP_PII_SALT", "fitboard-default-salt")
    return "h_" + hashlib.sha256((salt + "\x00" + value.strip().lower()).encode()).hexdigest()[:24]


@dataclass
class PrivacyReport:
    """What an import will drop, hash and mask, shown before anything is written."""

    dropped_columns: list[str] = field(default_factory=list)
    hashed_columns: list[str] = field(default_factory=list)
    masked: dict[str, MaskCounts] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"column '{c}' dropped (contact details)" for c in self.dropped_columns]
        out += [f"column '{c}' replaced by a salted hash (contact details used as a key)" for c in self.hashed_columns]
        for column, counts in self.masked.items():
            if counts.total:
                out.append(
                    f"column '{column}': {counts.email} email(s), {counts.phone} phone number(s), "
                    f"{counts.url} personal URL(s) masked"
                )
        return out
