"""CONTRACT section 6: contact columns never stored in clear, free text masked, facts left alone."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from icpcore.evidence.privacy import is_contact_column, salted_hash, scrub_text
from tests.icpcore.evidence.helpers import load, with_accounts

MASKED = [
    ("write to jane.doe@acme.com today", "write to [email] today"),
    ("CC: J.Smith+crm@mail.example.co.uk.", "CC: [email]."),
    ("mailto:bob@example.org", "mailto:[email]"),
    ("Call +1 (555) 123-4567 after 3", "Call [phone] after 3"),
    ("cell 555-123-4567", "cell [phone]"),
    ("tel. 555.123.4567", "tel. [phone]"),
    ("(555) 123 4567 is the office", "[phone] is the office"),
    ("UK: +44 20 7946 0958", "UK: [phone]"),
    ("London 020 7946 0958", "London [phone]"),
    ("Paris +33 1 23 45 67 89", "Paris [phone]"),
    ("Berlin +49 30 123456", "Berlin [phone]"),
    ("call me on 5551234567", "call me on [phone]"),
    ("whatsapp: +4915112345678", "whatsapp: [phone]"),
    ("profile https://www.linkedin.com/in/jane-doe-42/ says CTO", "profile [url] says CTO"),
    ("see linkedin.com/in/johnsmith", "see [url]"),
    ("https://twitter.com/janedoe tweets", "[url] tweets"),
    ("book https://calendly.com/jane/30min.", "book [url]."),
    ("blog https://medium.com/@jane/why-we-switched", "blog [url]"),
    ("page https://acme.com/~jsmith/cv", "page [url]"),
]
KEPT = [
    "Signed 2026-03-14, renewal 14.03.2027, US style 03/14/2026 and 03-14-2026",
    "2026-03-14T09:30:00Z kickoff, 09:30-10:30",
    "Deal of $1,234,567.89, or 1 234 567 EUR, or 1.234.567,89, or 1234567.89",
    "Budget 250000 for 2026; 40 seats at 1200 each; 12.5% discount",
    "Contract 2019-2023, server 192.168.100.200, office 52.520008, 13.404954",
    "Company page https://www.linkedin.com/company/acme and https://acme.com/pricing, www.acme.io",
    "Order #12345678 and invoice INV-2024-000123",
    "id 5551234567 in the CRM",
    "No budget until Q3; champion left",
]


@pytest.mark.parametrize(("raw", "clean"), MASKED)
def test_emails_phones_and_personal_urls_are_masked(raw, clean):
    assert scrub_text(raw)[0] == clean


@pytest.mark.parametrize("raw", KEPT)
def test_dates_amounts_company_urls_and_ids_are_not_masked(raw):
    assert scrub_text(raw) == (raw, scrub_text("")[1])


CONTACT_NAMES = ("email", "Email Address", "e-mail", "work_phone", "Phone Number", "mobile", "cell phone", "fax")
CONTACT_NAMES += ("First Name", "last_name", "Full Name", "surname", "contact", "Contact Name", "contact person")


@pytest.mark.parametrize("name", [*CONTACT_NAMES, "lead_email"])
def test_contact_columns_are_recognised(name):
    assert is_contact_column(name)


@pytest.mark.parametrize(
    "name", ["name", "company_name", "email_opt_in", "email_domain", "phone_verified", "contact_count", "mobile_app"]
)
def test_facts_about_contacts_are_not_contact_columns(name):
    assert not is_contact_column(name)


@given(st.text(max_size=200))
def test_scrubbing_is_idempotent_and_never_grows_pii(value):
    clean, counts = scrub_text(value)
    again, more = scrub_text(clean)
    assert again == clean and more.email == 0
    assert "@" not in clean or counts.email == 0 or clean.count("@") < value.count("@")


def test_an_email_column_never_reaches_the_database(store, tmp_path):
    with_accounts(store, tmp_path)
    result = load(
        store,
        tmp_path,
        "leads",
        "lead_id,account_id,created_at,channel,Email,Phone Number,First Name,disqualified_reason,comment\n"
        "L1,A1,2026-01-01,ads,jane@acme.com,+1 555 123 4567,Jane,wrote from jane@acme.com,ring 555-123-4567\n",
    )
    assert result.privacy.dropped_columns == ["email", "phone number", "first name"]
    assert result.privacy.masked["disqualified_reason"].email == 1 and result.privacy.masked["comment"].phone == 1
    with store.engine.connect() as conn:
        stored = json.dumps([list(row) for row in conn.execute(text("SELECT * FROM leads"))], default=str)
        logged = json.dumps([list(row) for row in conn.execute(text("SELECT * FROM imports"))], default=str)
    for secret in ("jane@acme.com", "555", "Jane"):
        assert secret not in stored
    assert "jane@acme.com" not in logged


def test_a_contact_column_used_as_a_key_is_hashed(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    load(
        sqlite_store,
        tmp_path,
        "leads",
        "email,account_id,created_at,channel\njane@acme.com,A1,2026-01-01,ads\n",
        mapping={"lead_id": "email"},
    )
    with sqlite_store.engine.connect() as conn:
        (lead_id,) = conn.execute(text("SELECT lead_id FROM leads")).one()
    assert lead_id == salted_hash(" JANE@acme.com") and lead_id.startswith("h_") and "jane" not in lead_id
