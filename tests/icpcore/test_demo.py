"""The demo bundle: deterministic, CSV-shaped, consistent, and carrying its planted stories.

Stories are checked with plain pandas over the generated text, independently of the generator's
internals (only `truth` tells which notes carry which theme and which accounts were planted)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score
from sqlalchemy import func, select
from statsmodels.stats.contingency_tables import StratifiedTable

from icpcore.demo import generate_bundle, is_demo, load_demo
from icpcore.evidence.bundle import clear_evidence
from icpcore.evidence.privacy import scrub_text
from icpcore.icp import parse_icp
from icpcore.rules import pandas_mask
from icpcore.setup import default_document
from icpcore.store.models import EVIDENCE_MODELS
from tests.conftest import EDITOR

AS_OF = pd.Timestamp("2026-12-01", tz="UTC")  # the as-of instant for end = 2026-11-30
DAY = pd.Timedelta(days=1)
COLUMNS = {
    "accounts": ["account_id", "name", "industry", "employees", "annual_revenue", "region", "country", "tech_stack",
                 "funding_stage", "legal_form", "owner_gender", "founder_age_band", "contact_email"],
    "leads": ["lead_id", "account_id", "created_at", "channel", "campaign", "qualified_at", "disqualified_reason",
              "email", "first_name", "last_name", "phone"],
    "opportunities": ["opportunity_id", "account_id", "created_at", "closed_at", "stage", "won", "amount"],
    "product_events": ["account_id", "event", "occurred_at"],
    "billing": ["account_id", "event", "occurred_at", "amount"],
    "spend": ["month", "channel", "campaign", "segment", "amount"],
    "notes": ["note_id", "account_id", "source", "created_at", "text"],
}  # fmt: skip
TIMESTAMPS = {"leads": ["created_at", "qualified_at"], "opportunities": ["created_at", "closed_at"],
              "product_events": ["occurred_at"], "billing": ["occurred_at"], "notes": ["created_at"]}  # fmt: skip
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


@pytest.fixture(scope="module")
def bundle():
    """A small bundle for shape and consistency checks."""
    return generate_bundle(11, 1200)


@pytest.fixture(scope="module")
def demo():
    """The default demo (seed 7, 5,000 accounts): the stories must show in what users see."""
    return generate_bundle()


def ts(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series.where(series != ""), utc=True)


def first_by_account(frame: pd.DataFrame, event: str) -> pd.Series:
    rows = frame[frame["event"] == event]
    return ts(rows["occurred_at"]).groupby(rows["account_id"].to_numpy()).min()


def segments(frames) -> pd.Series:
    """CONTRACT section 3 under the default ICP, through the project's own pandas rules."""
    doc, acc = parse_icp(default_document()), frames["accounts"]
    out = pd.Series("non_icp", index=acc.index, dtype=object)
    done = pd.Series(False, index=acc.index)
    globals_ = [d for d in doc.disqualifiers if d.status == "active"]
    for seg in doc.live_segments():
        hit = pandas_mask(seg.rules, acc) & ~done
        out[hit] = seg.id
        done |= hit
    for seg in doc.live_segments():
        for dq in [*globals_, *seg.disqualifiers]:
            out[(out == seg.id) & pandas_mask(dq.rules, acc)] = "disqualified"
    for dq in globals_:
        out[(out == "non_icp") & pandas_mask(dq.rules, acc)] = "disqualified"
    return pd.Series(out.to_numpy(), index=acc["account_id"])


def success_units(frames) -> pd.DataFrame:
    """Mature success_rate units (paid within 90 days of first touch), with account traits."""
    leads, events = frames["leads"], frames["product_events"]
    first_lead = ts(leads["created_at"]).groupby(leads["account_id"].to_numpy()).min()
    touch = pd.concat([first_lead, first_by_account(events, "signup")], axis=1).min(axis=1)
    paid = frames["billing"][frames["billing"]["event"] == "purchase"]
    units = pd.DataFrame({"touch": touch})
    units = units[units["touch"] + 90 * DAY <= AS_OF]
    in_window = paid.assign(t=ts(paid["occurred_at"]), touch=paid["account_id"].map(units["touch"]))
    in_window = in_window[(in_window["t"] >= in_window["touch"]) & (in_window["t"] <= in_window["touch"] + 90 * DAY)]
    units["success"] = units.index.isin(in_window["account_id"])
    acc = frames["accounts"].set_index("account_id")
    return units.join(acc).assign(segment=lambda u: u.index.map(segments(frames)))


def cohort_rate(frames, event: str, days: int) -> pd.DataFrame:
    """Accounts by first purchase, mature at `days`: did `event` follow within `days`?"""
    bill = frames["billing"]
    first = first_by_account(bill, "purchase").rename("p").to_frame()
    first = first[first["p"] + days * DAY <= AS_OF]
    rows = bill[bill["event"] == event].assign(t=lambda b: ts(b["occurred_at"]))
    rows = rows.join(first, on="account_id", how="inner")
    hit = rows[(rows["t"] >= rows["p"]) & (rows["t"] <= rows["p"] + days * DAY)]["account_id"]
    first["hit"] = first.index.isin(hit)
    first["month"] = first["p"].dt.strftime("%Y-%m")
    first["segment"] = first.index.map(segments(frames))
    return first


def mh_interval(units: pd.DataFrame, flag: pd.Series, attribute: str) -> tuple[float, float]:
    tables = []
    for _, part in units[units[attribute] != ""].groupby(attribute):
        f, s = flag[part.index], part["success"]
        table = np.array([[(f & s).sum(), (f & ~s).sum()], [(~f & s).sum(), (~f & ~s).sum()]])
        if table[0].sum() and table[1].sum():
            tables.append(table)
    low, high = StratifiedTable(tables).oddsratio_pooled_confint()
    return float(low), float(high)


# -- determinism and shape ------------------------------------------------------------------------
def test_same_seed_same_frames_other_seed_differs():
    one, two, other = generate_bundle(3, 400), generate_bundle(3, 400), generate_bundle(4, 400)
    for kind in COLUMNS:
        pd.testing.assert_frame_equal(one.frames[kind], two.frames[kind])
    assert one.truth == two.truth
    assert not one.frames["leads"].equals(other.frames["leads"])
    assert not one.frames["notes"]["text"].equals(other.frames["notes"]["text"])


def test_columns_and_formats_are_what_a_csv_export_gives(bundle):
    frames = bundle.frames
    assert list(frames) == list(COLUMNS)
    for kind, columns in COLUMNS.items():
        frame = frames[kind]
        assert list(frame.columns) == columns, kind
        assert all(frame[col].map(lambda v: isinstance(v, str)).all() for col in columns), kind
        for col in TIMESTAMPS.get(kind, []):
            filled = frame[col][frame[col] != ""]
            assert filled.str.match(ISO).all(), (kind, col)
    assert frames["spend"]["month"].str.match(r"^\d{4}-\d{2}$").all()
    assert set(frames["opportunities"]["won"]) == {"true", "false"}
    for kind, col in [("opportunities", "amount"), ("billing", "amount"), ("spend", "amount")]:
        assert pd.to_numeric(frames[kind][col].replace("", "0")).ge(0).all()
    assert pd.to_numeric(frames["accounts"]["employees"]).ge(1).all()
    assert set(frames["billing"]["event"]) == {"purchase", "refund", "downgrade", "upgrade", "churn"}
    assert set(frames["leads"]["channel"]) == {
        "linkedin_ads", "google_search", "content_seo", "events", "partner_referral", "outbound"
    }  # fmt: skip
    assert frames["leads"].groupby("channel")["campaign"].nunique().between(2, 4).all()


def test_other_end_dates_and_tiny_bundles_keep_the_shape():
    moved = generate_bundle(3, 600, end=date(2025, 3, 15))
    latest = max(ts(moved.frames[k][c]).max() for k, cols in TIMESTAMPS.items() for c in cols)
    assert latest.date() == date(2025, 3, 15)
    assert moved.frames["spend"]["month"].max() == "2025-03" and moved.truth["refund_spike"]["month"] == "2025-02"
    for accounts in (1, 2, 5):
        frames = generate_bundle(2, accounts).frames
        assert {kind: list(frame.columns) for kind, frame in frames.items()} == COLUMNS
        assert len(frames["accounts"]) == accounts


def test_ids_unique_and_every_account_reference_exists(bundle):
    frames = bundle.frames
    known = set(frames["accounts"]["account_id"])
    for kind, key in [("accounts", "account_id"), ("leads", "lead_id"), ("opportunities", "opportunity_id"),
                      ("notes", "note_id")]:  # fmt: skip
        assert frames[kind][key].is_unique, kind
    for kind in ("leads", "opportunities", "product_events", "billing"):
        assert set(frames[kind]["account_id"]) <= known, kind
    assert set(frames["notes"]["account_id"]) - {""} <= known


def test_timelines_are_in_order_and_end_on_the_as_of_day(bundle):
    frames = bundle.frames
    leads, opps = frames["leads"], frames["opportunities"]
    created, qualified = ts(leads["created_at"]), ts(leads["qualified_at"])
    assert (qualified.dropna() >= created[qualified.notna()]).all()
    first_q = qualified.groupby(leads["account_id"].to_numpy()).min()
    opp_created, opp_closed = ts(opps["created_at"]), ts(opps["closed_at"])
    assert (opp_created > opps["account_id"].map(first_q)).all()  # every deal follows a qualified lead
    assert (opp_closed.dropna() > opp_created[opp_closed.notna()]).all()
    assert (opps.loc[opps["closed_at"] == "", "won"] == "false").all()
    bill, events = frames["billing"], frames["product_events"]
    first_pay = first_by_account(bill, "purchase")
    after = bill[bill["event"] != "purchase"]
    assert (ts(after["occurred_at"]) > after["account_id"].map(first_pay)).all()
    won = opps["won"] == "true"
    won_close = opp_closed[won].groupby(opps.loc[won, "account_id"].to_numpy()).min()
    signup = first_by_account(events, "signup")
    reason = pd.concat([won_close, signup], axis=1).min(axis=1)
    assert (first_pay >= first_pay.index.map(reason)).all()  # a purchase follows a won deal or a signup
    fv = events[events["event"] == "first_value"]
    assert (ts(fv["occurred_at"]) > fv["account_id"].map(signup)).all()
    latest = max(ts(frames[k][c]).max() for k, cols in TIMESTAMPS.items() for c in cols)
    assert latest < AS_OF and latest.date() == date(2026, 11, 30)
    assert ts(leads["created_at"]).min() >= pd.Timestamp("2025-06-01", tz="UTC")


def test_volumes_scale_like_the_brief(bundle):
    frames = bundle.frames
    assert 9.5 <= len(frames["leads"]) / len(frames["accounts"]) <= 11.5
    assert 700 <= len(frames["notes"]) <= 1300  # about 2,000 at 5,000 accounts, growing gently
    assert set(frames["notes"]["source"]) == {"sales_call", "sales_note", "support_ticket", "win_loss",
                                              "success_log", "survey"}  # fmt: skip
    assert (
        frames["product_events"]
        .drop_duplicates()
        .groupby("account_id")["event"]
        .apply(lambda e: (e == "signup").sum())
        .gt(1)
        .any()
    )  # some accounts sign up twice


def test_contact_details_are_planted_for_the_scrubber(bundle):
    notes, truth = bundle.frames["notes"], bundle.truth
    touched = notes["text"].map(lambda text: scrub_text(text)[1].total > 0)
    assert 0.03 <= touched.mean() <= 0.08
    assert set(notes.loc[touched, "note_id"]) == set(truth["pii_note_ids"])
    assert notes["text"].str.contains("@example.").any() and notes["text"].str.contains("linkedin.com/in/").any()
    reasons = bundle.frames["leads"]["disqualified_reason"]
    assert reasons.map(lambda text: scrub_text(text)[1].total > 0).sum() >= 3
    assert bundle.frames["accounts"]["contact_email"].str.contains("@").all()


def test_note_themes_are_recoverable_by_clustering(demo):
    texts = [scrub_text(text)[0] for text in demo.frames["notes"]["text"]]
    labels = demo.truth["note_themes"]
    assert len(labels) == len(texts) and len(set(labels)) == 8
    matrix = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True).fit_transform(texts)
    topics = NMF(8, init="nndsvda", random_state=0, max_iter=500).fit_transform(matrix).argmax(axis=1)
    assert adjusted_rand_score(labels, topics) >= 0.8
    assert len(set(demo.frames["notes"]["text"])) > 0.9 * len(texts)  # varied, not copies


def test_truth_segments_match_the_default_icp(bundle):
    assigned = segments(bundle.frames)
    assert assigned.tolist() == bundle.truth["account_segment"]
    counts = assigned.value_counts()
    assert sorted(counts.index) == ["disqualified", "fintech_scaleups", "midmarket_saas", "non_icp", "smb_agencies"]
    assert counts.min() >= 100


# -- the planted stories --------------------------------------------------------------------------
def test_core_segment_qualifies_more_and_more_and_beats_non_icp(demo):
    frames, seg = demo.frames, segments(demo.frames)
    leads = frames["leads"].assign(c=lambda f: ts(f["created_at"]), q=lambda f: ts(f["qualified_at"]))
    leads = leads[leads["c"] + 30 * DAY <= AS_OF].assign(segment=lambda f: f["account_id"].map(seg))
    leads["ok"] = leads["q"].notna() & (leads["q"] <= leads["c"] + 30 * DAY)
    leads["month"] = leads["c"].dt.strftime("%Y-%m")
    core = leads[leads["segment"] == "midmarket_saas"]
    early = core[core["month"].isin(["2026-02", "2026-03", "2026-04"])]["ok"].mean()
    late = core[core["month"].isin(["2026-08", "2026-09", "2026-10"])]["ok"].mean()
    assert early < 0.32 and late > 0.34 and late - early > 0.07
    rate = leads.groupby("segment")["ok"].mean()
    assert rate["midmarket_saas"] > rate["non_icp"] + 0.1
    opps = frames["opportunities"]
    closed = opps[opps["closed_at"] != ""].assign(segment=lambda f: f["account_id"].map(seg))
    win = closed.groupby("segment")["won"].apply(lambda w: (w == "true").mean())
    assert win["midmarket_saas"] > win["non_icp"] + 0.1
    success = success_units(frames).groupby("segment")["success"].mean()
    assert success["midmarket_saas"] > success["non_icp"] + 0.1


def test_core_segment_cac_stays_flat_while_customers_grow(demo):
    frames, seg = demo.frames, segments(demo.frames)
    leads = frames["leads"].assign(month=lambda f: f["created_at"].str[:7], segment=lambda f: f["account_id"].map(seg))
    spend = frames["spend"].assign(amount=lambda f: f["amount"].astype(float))
    tagged = spend[spend["segment"] == "midmarket_saas"].groupby("month")["amount"].sum()
    rest = spend[~spend["segment"].isin(["midmarket_saas", "fintech_scaleups", "smb_agencies"])]
    leads["core"] = leads["segment"] == "midmarket_saas"
    by_campaign = leads.groupby(["month", "channel", "campaign"])["core"].mean()
    by_channel = leads.groupby(["month", "channel"])["core"].mean()
    share = [  # CONTRACT section 4: untagged spend follows the leads of its month, channel (and campaign)
        by_campaign.get((r.month, r.channel, r.campaign), 0.0)
        if r.campaign
        else by_channel.get((r.month, r.channel), 0.0)
        for r in rest.itertuples()
    ]
    attributed = tagged.add((rest["amount"] * share).groupby(rest["month"]).sum(), fill_value=0)
    first = first_by_account(frames["billing"], "purchase")
    core_customers = first[first.index.map(seg) == "midmarket_saas"].dt.strftime("%Y-%m").value_counts()
    recent = [f"2026-{m:02d}" for m in range(6, 12)]
    before = ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 6)]
    cac = attributed[recent] / core_customers.reindex(recent)
    assert cac.between(0.7 * cac.median(), 1.3 * cac.median()).all(), cac.to_dict()
    assert core_customers.reindex(recent).sum() > core_customers.reindex(before).sum()
    assert (spend["segment"] == "enterprise_pilot").any()  # a segment id the ICP does not know


def test_fintech_refunds_spike_in_the_last_mature_month(demo):
    cohorts = cohort_rate(demo.frames, "refund", 30)
    fintech = cohorts[cohorts["segment"] == "fintech_scaleups"]
    october = fintech[fintech["month"] == "2026-10"]["hit"]
    before = fintech[fintech["month"] < "2026-10"]["hit"]
    assert len(october) >= 10 and october.mean() >= 0.2
    assert before.mean() <= 0.1 and cohorts[cohorts["segment"] != "fintech_scaleups"]["hit"].mean() <= 0.1
    assert demo.truth["refund_spike"]["month"] == "2026-10"


def test_agencies_get_value_fast_but_churn(demo):
    frames = demo.frames
    events, seg = frames["product_events"], segments(frames)
    signup = first_by_account(events, "signup")
    fv = events[events["event"] == "first_value"].assign(t=lambda f: ts(f["occurred_at"]))
    fv = fv[fv["t"] >= fv["account_id"].map(signup)].groupby("account_id")["t"].min()
    days = ((fv - signup[fv.index]).dt.total_seconds() / 86400).groupby(fv.index.map(seg)).median()
    assert days["smb_agencies"] <= 2 and days.drop("smb_agencies").min() >= 4
    cohorts = cohort_rate(frames, "churn", 90)
    retained = 1 - cohorts.groupby("segment")["hit"].mean()
    assert retained["smb_agencies"] <= 0.65
    assert retained[["midmarket_saas", "fintech_scaleups", "non_icp"]].min() >= 0.75
    assert 1 - cohorts.loc[cohorts["segment"] != "smb_agencies", "hit"].mean() >= 0.75


def test_bootstrapped_shadows_gender_without_business_reason(demo):
    acc = demo.frames["accounts"]
    boot = (acc["funding_stage"] == "Bootstrapped").groupby(acc["owner_gender"]).mean()
    assert boot["female"] >= 0.3 and boot["male"] <= 0.15
    units = success_units(demo.frames)
    boot = units["funding_stage"] == "Bootstrapped"
    _, high = mh_interval(units, boot, "owner_gender")
    assert high > 1  # no business reason: within each gender group bootstrapped accounts succeed as often
    for gender in ("female", "male"):
        mine = units["owner_gender"] == gender
        gap = units.loc[mine & boot, "success"].mean() - units.loc[mine & ~boot, "success"].mean()
        assert abs(gap) < 0.1, (gender, gap)


def test_tiny_tracks_age_but_is_genuinely_predictive(demo):
    acc = demo.frames["accounts"]
    tiny = (acc["employees"].astype(int) < 5).groupby(acc["founder_age_band"]).mean()
    assert tiny["under_30"] >= 0.25 and tiny.drop("under_30").max() <= 0.1
    units = success_units(demo.frames)
    _, high = mh_interval(units, units["employees"].astype(int) < 5, "founder_age_band")
    assert high < 1


def test_public_sector_is_independent_of_sensitive_attributes(demo):
    acc = demo.frames["accounts"]
    public = acc["industry"].isin(["Government", "Education"])
    for attribute in ("owner_gender", "founder_age_band"):
        share = public[acc[attribute] != ""].groupby(acc[attribute]).mean()
        assert share.max() - share.min() < 0.05, (attribute, share.to_dict())


def test_planted_segment_outside_the_icp_succeeds_far_more(demo):
    acc, truth = demo.frames["accounts"], demo.truth
    rule = (acc["industry"] == "E-commerce") & (acc["tech_stack"] == "Shopify") & (acc["employees"].astype(int) >= 5)
    assert sorted(acc.loc[rule, "account_id"]) == sorted(truth["planted_segment_accounts"])
    assert len(truth["planted_segment_accounts"]) >= 50
    units = success_units(demo.frames)
    planted = units.index.isin(truth["planted_segment_accounts"])
    assert units.loc[planted, "success"].mean() >= 0.5
    assert units.loc[planted, "success"].mean() >= 2.5 * units["success"].mean()
    assert set(units.loc[planted, "segment"]) <= {"non_icp", "disqualified"}  # not in the default ICP


# -- loading ------------------------------------------------------------------------------------
def test_load_demo_replaces_evidence_and_keeps_contacts_out(sqlite_store, tmp_path):
    summary = load_demo(sqlite_store, seed=5, accounts=200, actor=EDITOR)
    frames = generate_bundle(5, 200).frames
    assert summary["rows"] == {kind: len(frame) for kind, frame in frames.items()}
    with sqlite_store.read() as uow:
        for kind, frame in frames.items():
            assert uow.session.scalar(select(func.count()).select_from(EVIDENCE_MODELS[kind])) == len(frame)
    assert is_demo(sqlite_store)
    dump = "\n".join(sqlite_store.engine.raw_connection().driver_connection.iterdump())
    emails = set(frames["leads"]["email"]) | set(frames["accounts"]["contact_email"])
    assert not any(email in dump for email in emails)
    assert "@example." not in dump and "[email]" in dump
    again = load_demo(sqlite_store, seed=5, accounts=200, actor=EDITOR)  # replaces, never appends
    assert again["rows"] == summary["rows"]
    clear_evidence(sqlite_store, actor=EDITOR)
    assert not is_demo(sqlite_store)
