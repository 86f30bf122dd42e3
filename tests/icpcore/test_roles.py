"""Role mapping from configuration: addresses and domains to viewer, editor, admin."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icpcore.errors import InvalidInput
from icpcore.roles import RoleConfigError, RoleMap, cli_role, parse_role_map, role_map_from_env

CONFIG = {
    "admins": ["Ana@Example.com"],
    "editors": ["@example.com", "sam@partner.io"],
    "viewers": ["@partner.io"],
    "default": "viewer",
}


@pytest.fixture
def roles() -> RoleMap:
    return parse_role_map(CONFIG)


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("ana@example.com", "admin"),  # named as admin and inside an editor domain: the highest wins
        ("  ANA@EXAMPLE.COM ", "admin"),
        ("bo@example.com", "editor"),
        ("sam@partner.io", "editor"),
        ("kim@partner.io", "viewer"),
        ("someone@elsewhere.org", "viewer"),  # the default
        ("ana@example.com.evil.org", "viewer"),  # a domain is matched whole, not as a prefix
        ("ana@sub.example.com", "viewer"),  # nor are subdomains
        ("", "viewer"),
        (None, "viewer"),
    ],
)
def test_role_for(roles: RoleMap, email: str | None, role: str) -> None:
    assert roles.role_for(email) == role


def test_unverified_address_gets_only_the_default(roles: RoleMap) -> None:
    assert roles.role_for("ana@example.com", verified=False) == "viewer"


def test_default_none_shuts_out_people_not_listed() -> None:
    roles = parse_role_map({**CONFIG, "default": "none"})
    assert roles.role_for("someone@elsewhere.org") is None
    assert roles.role_for("kim@partner.io") == "viewer"


def test_empty_configuration_makes_everyone_a_viewer() -> None:
    assert parse_role_map(None).role_for("x@y.com") == "viewer"
    assert parse_role_map({}).role_for("x@y.com") == "viewer"


def test_single_entry_without_brackets() -> None:
    assert parse_role_map({"admins": "boss@x.com"}).role_for("boss@x.com") == "admin"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"admin": ["a@x.com"]}, "unknown key(s) admin"),  # a typo must not silently leave no admin
        ({"admins": ["x.com"]}, "fitboard.roles.admins[0]"),
        ({"editors": ["a b@x.com"]}, "editors[0]"),
        ({"editors": ["a@b@x.com"]}, "editors[0]"),
        ({"editors": ["@localhost"]}, "editors[0]"),
        ({"viewers": [3]}, "viewers[0]"),
        ({"viewers": 3}, "viewers"),
        ({"default": "owner"}, "fitboard.roles.default"),
    ],
)
def test_malformed_configuration_names_the_entry(data: dict, named: str) -> None:
    with pytest.raises(RoleConfigError) as caught:
        parse_role_map(data)
    assert named in str(caught.value)
    assert isinstance(caught.value, InvalidInput)


def test_environment_variable_overrides() -> None:
    assert role_map_from_env({}) is None
    roles = role_map_from_env({"FITBOARD_ROLES": json.dumps({"admins": ["@ops.io"]})})
    assert roles is not None and roles.role_for("x@ops.io") == "admin"
    with pytest.raises(RoleConfigError, match="FITBOARD_ROLES: not JSON"):
        role_map_from_env({"FITBOARD_ROLES": "admins=a@x.com"})


def test_cli_role() -> None:
    assert cli_role({}) == "admin"
    assert cli_role({"ICP_ROLE": " Viewer "}) == "viewer"
    assert cli_role({"ICP_ROLE": "editor"}) == "editor"
    with pytest.raises(InvalidInput, match="ICP_ROLE"):
        cli_role({"ICP_ROLE": "root"})


_local = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-_", min_size=1, max_size=12)
_domain = st.from_regex(r"[a-z]{1,8}\.(com|io|org)", fullmatch=True)


@given(local=_local, domain=_domain, spaces=st.sampled_from(["", " ", "\t"]), upper=st.booleans())
def test_domain_entry_matches_every_spelling_of_an_address(local: str, domain: str, spaces: str, upper: bool) -> None:
    roles = parse_role_map({"editors": [f"@{domain}"], "default": "none"})
    address = f"{spaces}{local}@{domain}{spaces}"
    assert roles.role_for(address.upper() if upper else address) == "editor"
    assert roles.role_for(f"{local}@x{domain}") is None
