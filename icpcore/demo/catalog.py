"""Fixed vocabularies of the demo bundle: industries, places, stacks, channels and campaigns.

Kept as plain tuples and dicts so the generator can turn them into numpy lookup tables.
"""

from __future__ import annotations

INDUSTRIES = (
    "Software",
    "SaaS",
    "Fintech",
    "Financial Services",
    "Marketing Agency",
    "Consulting",
    "E-commerce",
    "Healthcare",
    "Manufacturing",
    "Logistics",
    "Media",
    "Education",
    "Government",
)
INDUSTRY_WEIGHTS = (0.18, 0.15, 0.11, 0.07, 0.10, 0.07, 0.11, 0.05, 0.05, 0.03, 0.03, 0.03, 0.02)
# Median head count and log-normal spread by industry (non-tiny accounts).
EMPLOYEE_MEDIAN = (130, 110, 320, 420, 18, 16, 45, 160, 260, 140, 60, 220, 650)
EMPLOYEE_SIGMA = (1.0, 1.0, 1.05, 1.1, 0.85, 0.85, 1.1, 1.2, 1.1, 1.1, 1.1, 1.0, 1.0)
# Revenue per employee (median, in one currency) by industry.
REVENUE_PER_EMPLOYEE = (180e3, 170e3, 260e3, 240e3, 110e3, 140e3, 220e3, 150e3, 190e3, 160e3, 130e3, 90e3, 110e3)

REGIONS = ("North America", "EMEA", "APAC", "LATAM")
REGION_WEIGHTS = (0.45, 0.33, 0.14, 0.08)
# country, region index, weight within the region, legal forms, top-level domain
COUNTRIES = (
    ("United States", 0, 0.86, ("Inc", "LLC"), "com"),
    ("Canada", 0, 0.14, ("Inc", "Ltd"), "ca"),
    ("United Kingdom", 1, 0.30, ("Ltd", "PLC"), "co.uk"),
    ("Germany", 1, 0.22, ("GmbH", "AG"), "de"),
    ("France", 1, 0.14, ("SAS", "SA"), "fr"),
    ("Netherlands", 1, 0.10, ("BV",), "nl"),
    ("Sweden", 1, 0.06, ("AB",), "se"),
    ("Spain", 1, 0.07, ("SL", "SA"), "es"),
    ("Ireland", 1, 0.05, ("Ltd", "DAC"), "ie"),
    ("South Africa", 1, 0.03, ("(Pty) Ltd",), "co.za"),
    ("United Arab Emirates", 1, 0.03, ("LLC", "FZ-LLC"), "ae"),
    ("Australia", 2, 0.35, ("Pty Ltd",), "com.au"),
    ("Singapore", 2, 0.20, ("Pte Ltd",), "sg"),
    ("Japan", 2, 0.15, ("KK",), "jp"),
    ("India", 2, 0.22, ("Pvt Ltd",), "in"),
    ("New Zealand", 2, 0.08, ("Ltd",), "co.nz"),
    ("Brazil", 3, 0.40, ("Ltda",), "com.br"),
    ("Mexico", 3, 0.28, ("S.A. de C.V.",), "mx"),
    ("Argentina", 3, 0.12, ("S.R.L.",), "com.ar"),
    ("Chile", 3, 0.10, ("SpA",), "cl"),
    ("Colombia", 3, 0.10, ("S.A.S.",), "co"),
)

CALLING_CODES = {
    "United States": "1", "Canada": "1", "United Kingdom": "44", "Germany": "49", "France": "33",
    "Netherlands": "31", "Sweden": "46", "Spain": "34", "Ireland": "353", "South Africa": "27",
    "United Arab Emirates": "971", "Australia": "61", "Singapore": "65", "Japan": "81", "India": "91",
    "New Zealand": "64", "Brazil": "55", "Mexico": "52", "Argentina": "54", "Chile": "56", "Colombia": "57",
}  # fmt: skip

TECH_STACKS = ("Salesforce", "HubSpot", "Shopify", "Snowflake", "On-prem", "Mixed")
# Stack shares for software, e-commerce and everybody else.
STACK_SOFTWARE = (0.28, 0.28, 0.02, 0.22, 0.08, 0.12)
STACK_ECOMMERCE = (0.08, 0.12, 0.62, 0.05, 0.05, 0.08)
STACK_OTHER = (0.25, 0.25, 0.02, 0.10, 0.20, 0.18)

FUNDING_STAGES = ("Bootstrapped", "Seed", "Series A", "Series B", "Series C+", "Public")
# Funding of funded accounts by head count band (<20, 20-199, 200-999, 1000+); bootstrapping is drawn apart.
FUNDING_BY_SIZE = (
    (0.0, 0.55, 0.35, 0.10, 0.0, 0.0),
    (0.0, 0.20, 0.40, 0.30, 0.10, 0.0),
    (0.0, 0.0, 0.15, 0.35, 0.35, 0.15),
    (0.0, 0.0, 0.0, 0.10, 0.40, 0.50),
)

GENDERS = ("female", "male", "non-binary", "")
GENDER_WEIGHTS = (0.34, 0.55, 0.04, 0.07)
# The planted proxy: female-owned accounts are bootstrapped far more often.
BOOTSTRAPPED_BY_GENDER = (0.40, 0.10, 0.12, 0.14)
AGE_BANDS = ("under_30", "30_44", "45_59", "60_plus", "")
AGE_WEIGHTS = (0.18, 0.40, 0.27, 0.09, 0.06)
# The predictive correlate: young founders run tiny (< 5 people) companies far more often.
TINY_BY_AGE = (0.35, 0.06, 0.04, 0.05, 0.07)

NAME_HEADS = (
    "North", "Blue", "Bright", "Silver", "Lumen", "Cedar", "Harbor", "Nova", "Apex", "Summit",
    "Vertex", "Quartz", "Maple", "Copper", "Atlas", "Orbit", "Iron", "Golden", "Clear", "Swift",
    "Pine", "River", "Stone", "Red", "Green", "Ember", "Polar", "Sun", "Arc", "Tidal",
    "Falcon", "Oak", "Echo", "Pioneer", "Crest", "Vivid", "Alder", "Birch", "Lake", "Meridian",
)  # fmt: skip
NAME_TAILS = (
    "field", "wave", "stone", "leaf", "point", "bridge", "line", "path", "gate", "works",
    "forge", "spark", "light", "peak", "wood", "shore", "vale", "mark", "grid", "loop",
    "ridge", "port", "star", "well", "beam", "crest", "brook", "frame", "mint", "scale",
)  # fmt: skip
INDUSTRY_WORDS = (
    ("Labs", "Software", "Systems", "Technologies"),
    ("Cloud", "Apps", "Platform", "HQ"),
    ("Pay", "Capital", "Finance", "Ledger"),
    ("Advisors", "Bank", "Wealth", "Insurance"),
    ("Creative", "Media Group", "Studio", "Digital"),
    ("Partners", "Consulting", "Advisory", "Group"),
    ("Store", "Goods", "Market", "Supply Co"),
    ("Health", "Care", "Clinics", "Medical"),
    ("Industries", "Manufacturing", "Components", "Works"),
    ("Logistics", "Freight", "Transport", "Shipping"),
    ("Media", "Publishing", "Broadcast", "Press"),
    ("Academy", "Learning", "School", "University"),
    ("Agency", "Authority", "Council", "Office"),
)

FIRST_NAMES = (
    "Jane", "John", "Maya", "Jonas", "Priya", "Lucas", "Sofia", "Liam", "Emma", "Noah",
    "Aisha", "Chen", "Mateo", "Olivia", "Hiro", "Fatima", "Erik", "Camila", "Ravi", "Lena",
    "Omar", "Grace", "Diego", "Hannah", "Kenji", "Zoe", "Tomas", "Amara", "Felix", "Ines",
)  # fmt: skip
LAST_NAMES = (
    "Doe", "Smith", "Patel", "Muller", "Garcia", "Kim", "Nguyen", "Rossi", "Silva", "Johnson",
    "Tanaka", "Okafor", "Larsen", "Dubois", "Kowalski", "Haddad", "Brown", "Lopez", "Singh", "Novak",
)  # fmt: skip

# Channels with their campaigns; the first campaign of linkedin_ads is the midmarket ABM programme.
CHANNELS = ("linkedin_ads", "google_search", "content_seo", "events", "partner_referral", "outbound")
CAMPAIGNS = (
    ("linkedin_abm_midmarket", 0),
    ("linkedin_lead_gen", 0),
    ("linkedin_retargeting", 0),
    ("brand_search", 1),
    ("competitor_terms", 1),
    ("generic_analytics", 1),
    ("blog_seo", 2),
    ("guides_reporting", 2),
    ("saas_summit", 3),
    ("fintech_forum", 3),
    ("agency_meetup", 3),
    ("webinars", 3),
    ("shopify_partners", 4),
    ("agency_partners", 4),
    ("hubspot_marketplace", 4),
    ("sdr_outbound", 5),
    ("intent_signals", 5),
)
ABM_CAMPAIGN = 0
# Untagged spend per lead, by campaign (the ABM programme's spend is set from its customers instead).
COST_PER_LEAD = (0.0, 42.0, 26.0, 9.0, 38.0, 27.0, 6.0, 8.0, 85.0, 95.0, 30.0, 15.0, 18.0, 20.0, 22.0, 34.0, 28.0)

DISQUALIFY_REASONS = (
    "No budget this quarter",
    "Student or job seeker",
    "Competitor doing research",
    "Solo founder, too small for a team plan",
    "Already signed with a competitor",
    "Outside our sales regions",
    "No response after five touches",
    "Duplicate of an existing lead",
    "Procurement needs a public tender",
    "Bootstrapped, says there is no budget for tools",
    "Wants a free tool only",
    "Timing: revisit next year",
)
# Reasons with contact details typed into the free text, for the scrubber to catch.
PII_REASONS = (
    "Asked to be removed, wrote from jane.doe@example.com",
    "Call back on +1 415 555 0134 after the holidays",
    "Forwarded to m.rossi@example.org, not the right person",
    "Left voicemail at +44 20 7946 0958",
)
