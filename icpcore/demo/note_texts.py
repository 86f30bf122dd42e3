"""Word banks for demo notes: eight planted themes, each with its own vocabulary, so TF-IDF
clustering can recover them while no two notes read the same (templates x slots x details)."""

from __future__ import annotations

WHEN = ("last month", "in March", "two weeks ago", "this quarter", "after the summer", "recently", "in spring")
PEOPLE = ("Jane", "Marco", "Aiko", "Sven", "Lucia", "Tariq", "Nora", "Ben", "Ines", "Kofi")

THEMES: dict[str, dict[str, object]] = {
    "manual_reporting": {
        "role": "pain",
        "heard_in": "pain",
        "slots": {
            "doc": ("weekly pipeline report", "monthly results report", "client report", "Monday revenue report",
                    "quarterly performance report", "marketing performance report"),
            "hours": ("six hours", "a full day", "two days", "most of Friday", "half a day", "ten hours"),
            "tool": ("Excel", "Google Sheets", "spreadsheets", "a shared workbook"),
            "who": ("their ops analyst", "the marketing manager", "an account manager", "the RevOps lead",
                    "a junior analyst"),
        },
        "openers": (
            "They still build the {doc} by hand in {tool}.",
            "{Who} spends {hours} every week copying numbers into {tool} for the {doc}.",
            "Reporting is fully manual: exports pasted into {tool}, then pivot tables, then screenshots.",
            "The {doc} takes {hours} to assemble manually from spreadsheet exports.",
            "Manual reporting is the biggest pain: the {doc} is rebuilt from scratch in {tool} each time.",
            "Biggest complaint is spreadsheet reporting; the {doc} eats {hours}.",
            "Every {doc} starts with ten exports and ends in a messy spreadsheet.",
            "{Who} rebuilds the {doc} in {tool} every week and dreads it.",
        ),
        "details": (
            "Formulas in the spreadsheet break whenever someone adds a column.",
            "They want the report to refresh itself instead of copy-paste every week.",
            "A copy-paste error ended up in the {doc} and nobody caught it.",
            "Exports from each tool come in different formats, so the spreadsheet needs manual cleanup.",
            "Nobody wants to own the {doc} because it is tedious manual work.",
            "They asked whether reports can be scheduled instead of assembled by hand.",
            "Five versions of the same spreadsheet float around the team.",
            "Numbers in the {doc} never match the previous version.",
            "They lose {hours} a week to manual reporting chores.",
            "The reporting spreadsheet has grown to forty tabs.",
        ),
    },
    "attribution_silos": {
        "role": "pain",
        "heard_in": "pain",
        "slots": {
            "src": ("LinkedIn", "Google Ads", "webinars", "partner referrals", "events", "organic search"),
            "sys": ("the CRM", "the ad platforms", "the marketing automation tool", "web analytics"),
        },
        "openers": (
            "Marketing and sales data sit in separate silos, so nobody trusts the attribution.",
            "They cannot tell which channel drives pipeline; {src} and {src2} both claim the credit.",
            "Attribution is guesswork because {sys} and {sys2} are disconnected.",
            "No single source of truth for touchpoints: each team counts conversions differently.",
            "Siloed data means marketing and sales quote different conversion numbers for the same channel.",
            "They want multi-touch attribution across {src}, {src2} and outbound touches.",
            "Channel attribution is a fight every quarter: {src} versus {src2}.",
            "Their data is fragmented across {sys} and {sys2}, so attribution breaks.",
        ),
        "details": (
            "Last-click attribution gives {src} all the credit, which nobody believes.",
            "Leadership keeps asking which channel to cut, and nobody can answer with data.",
            "Tracking parameters are inconsistent, so half the conversions show up as direct traffic.",
            "Each system keeps its own copy of the customer, so touchpoints never line up.",
            "Channel budgets move on gut feeling rather than attribution.",
            "Pipeline sourced by {src} is double counted by {sys}.",
            "Nobody can trace a closed deal back to its first touchpoint.",
            "They suspect {src} gets credit for conversions that {src2} created.",
        ),
    },
    "pricing_objection": {
        "role": "objection",
        "heard_in": "objection",
        "slots": {
            "price": ("the annual price", "the per-seat price", "the list price", "the platform fee"),
            "rival": ("a cheaper competitor", "a free tool", "a spreadsheet add-on", "an open-source alternative"),
            "pct": ("20%", "30%", "a third", "half"),
        },
        "openers": (
            "Pricing is the blocker: they say {price} is too expensive for a team their size.",
            "Budget is tight; they asked for a {pct} discount before signing.",
            "They compared {price} with {rival} and think we cost too much.",
            "Cost objection again: they cannot justify {price} this year.",
            "The founder likes the product but says it is too expensive for now.",
            "Too pricey was the main reason they went with {rival}.",
            "Sticker shock on {price}; they expected something closer to {rival}.",
            "The discount conversation started before the demo ended: {price} feels steep.",
        ),
        "details": (
            "They would pay monthly but not an annual contract upfront.",
            "Asked whether a cheaper plan without seats exists.",
            "Finance capped tool spend, so any new subscription needs a discount.",
            "They want pricing per workspace rather than per seat.",
            "Our quote was {pct} above what they budgeted.",
            "Price sensitivity is high; every seat has to pay for itself.",
            "Procurement asked for a cheaper tier or a longer free trial.",
            "The budget owner balked at {price} compared with {rival}.",
        ),
    },
    "security_compliance": {
        "role": "objection",
        "heard_in": "objection",
        "slots": {
            "std": ("SOC 2 Type II", "ISO 27001", "GDPR", "PCI DSS", "DORA"),
            "team": ("infosec", "the compliance team", "legal", "the CISO", "procurement security"),
        },
        "openers": (
            "Their {team} sent a long security questionnaire before any pilot.",
            "Compliance requires {std} evidence before they can share data.",
            "Data residency is a hard requirement: customer data must stay in the EU.",
            "The security review stalled because {team} wants our penetration test results.",
            "{Team} flagged encryption at rest and SSO as mandatory controls.",
            "Security and compliance review is the gate: no {std} certificate, no contract.",
            "Before any data leaves their systems, {team} must approve our {std} posture.",
            "Their {team} asked for a security whitepaper and a {std} report.",
        ),
        "details": (
            "They need a signed data processing agreement and audit logs.",
            "Vendor risk assessment takes about eight weeks on their side.",
            "They asked about encryption keys, access controls and audit trails.",
            "Regulators audit them yearly, so every vendor needs {std} controls.",
            "Security wants single sign-on and role-based access before rollout.",
            "Compliance wants to know where backups are stored and for how long.",
            "An external auditor reviews every vendor against {std}.",
        ),
    },
    "new_leadership": {
        "role": "trigger",
        "heard_in": "trigger",
        "slots": {"title": ("VP of Marketing", "CMO", "Head of RevOps", "Chief Revenue Officer", "VP of Sales",
                            "Head of Growth")},
        "openers": (
            "A new {title} joined {when} and is reviewing every tool in the stack.",
            "They just hired a {title} who wants quick wins in the first 90 days.",
            "Leadership change: the new {title} came from a company that used us.",
            "The incoming {title} has a mandate to rebuild the go-to-market team.",
            "{When} they appointed a new {title}, so old vendor decisions are open again.",
            "New {title} on board; she asked for a demo in her first week.",
            "Since the new {title} arrived {when}, every vendor is being re-evaluated.",
            "Their freshly appointed {title} is hiring and rethinking the tooling.",
        ),
        "details": (
            "The new leader wants a fresh plan within a quarter.",
            "Their predecessor left {when}, so nobody owned the decision before.",
            "Fresh leadership means a new budget owner and new priorities.",
            "The new hire is building a team and wants things set up properly from day one.",
            "The {title} is replacing the agency the previous leadership picked.",
            "A leadership reshuffle put a new {title} in charge of the budget.",
            "The newly hired {title} used a similar setup at her previous company.",
        ),
    },
    "funding_round": {
        "role": "trigger",
        "heard_in": "trigger",
        "slots": {
            "round": ("Series A", "Series B", "Series C", "growth round", "seed extension"),
            "amount": ("$12M", "$25M", "$40M", "$8M", "$60M"),
            "investor": ("their investors", "the new lead investor", "the venture partners"),
        },
        "openers": (
            "They just closed a {round} of {amount}.",
            "Fresh funding: a {amount} {round} closed {when}.",
            "After raising the {round}, {investor} expect aggressive growth targets.",
            "The {round} money is in and they plan to double headcount.",
            "Newly funded with {amount}; runway is no longer the constraint.",
            "Post-raise, {investor} want to see the capital deployed efficiently.",
            "The {amount} {round} closed {when}, led by {investor}.",
            "With a {round} just announced, growth targets doubled overnight.",
        ),
        "details": (
            "Investors want a clear growth plan before the next investor update.",
            "With the new capital they are hiring ten sellers this year.",
            "The raise unlocked budget that was frozen last year.",
            "Runway is now three years, so they can invest in growth.",
            "The funding announcement brought a wave of inbound interest.",
            "The new investors expect revenue to triple before the next raise.",
            "Part of the {amount} is earmarked for scaling the revenue team.",
        ),
    },
    "onboarding_friction": {
        "role": "pain",
        "heard_in": "friction",
        "slots": {"step": ("the data import step", "the CRM connection step", "inviting teammates",
                           "the first dashboard", "the setup wizard", "workspace configuration")},
        "openers": (
            "Onboarding was confusing; they got stuck on {step}.",
            "The setup wizard errored twice and they gave up until support called.",
            "Teammates never received their invites, so onboarding stalled.",
            "They asked for a walkthrough because the documentation skips {step}.",
            "Setup took days instead of minutes because of {step}.",
            "Onboarding friction: the tutorial did not match what they saw on screen.",
            "They stalled during onboarding at {step} and nobody on their side knew what to do next.",
            "Onboarding dragged for two weeks because {step} kept failing.",
        ),
        "details": (
            "A guided checklist or setup video would have helped.",
            "They opened three tickets during setup in the first week.",
            "A login loop after the password reset blocked two users.",
            "They were not sure which setup steps were required and which optional.",
            "Support had to screen-share to finish the setup.",
            "The onboarding emails pointed to an outdated help article.",
            "They needed a second onboarding session to finish {step}.",
        ),
    },
    "integration_request": {
        "role": "objection",
        "heard_in": "request",
        "slots": {
            "app": ("Shopify", "HubSpot", "Salesforce", "Klaviyo", "Stripe", "BigQuery", "Snowflake", "Zapier"),
            "obj": ("orders", "deals", "payments", "customer lists", "product catalogue"),
        },
        "openers": (
            "They asked for a native {app} integration.",
            "Is there an API or webhook to sync {obj} from {app}?",
            "They need a connector that syncs {app} {obj} every hour.",
            "Feature request: two-way sync with {app} so {obj} stay up to date.",
            "A missing {app} integration is the reason they hesitate.",
            "They want to plug {app} in through an API instead of file uploads.",
            "Top of their wishlist: an out-of-the-box {app} connector for {obj}.",
            "They would sign today if {app} {obj} flowed in automatically.",
        ),
        "details": (
            "A plugin in the {app} app store would make it easy for them.",
            "Without the connector they would need a developer to build a sync.",
            "They currently glue tools together with webhooks and it breaks.",
            "Real-time sync matters because {obj} change all day.",
            "Their developers asked for API documentation and webhook examples.",
            "A nightly sync of {obj} from {app} would be enough to start.",
        ),
    },
}  # fmt: skip

THEME_NAMES = tuple(THEMES)

CONTEXT = (
    "Follow-up booked for next week.",
    "Spoke with {person} on the call.",
    "Will loop in the account executive.",
    "Logged after a short call.",
    "Next step: send a recap.",
    "{Person} will confirm by Friday.",
    "Shared the notes with the team.",
    "{Person} asked for a written summary.",
    "Call ran over time; more next week.",
)

PII = (
    "Contact: {first}.{last}@example.com.",
    "Reach {First} on +1 415 555 0{digits}.",
    "{First}'s profile: https://linkedin.com/in/{first}-{last}",
    "Email {first}@example.org or call +44 20 7946 0{digits}.",
)

# Sources by where a theme is heard: who hears about what.
SOURCES = ("sales_call", "sales_note", "support_ticket", "win_loss", "success_log", "survey")
SOURCE_MIX = {
    "pain": (0.35, 0.15, 0.10, 0.05, 0.15, 0.20),
    "objection": (0.30, 0.20, 0.0, 0.40, 0.0, 0.10),
    "trigger": (0.40, 0.45, 0.0, 0.0, 0.0, 0.15),
    "friction": (0.0, 0.0, 0.55, 0.0, 0.35, 0.10),
    "request": (0.20, 0.0, 0.45, 0.0, 0.25, 0.10),
}
