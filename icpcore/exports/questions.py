"""Questions a rep can ask, written from the ICP: one per buying trigger, one per pain, and a
polite check per disqualifier (shared by the CRM picklists and the discovery call script).

The ICP's text is quoted, not rewritten, so a question never claims more than the ICP says.
"""

from __future__ import annotations

from icpcore.icp import Disqualifier
from icpcore.rules import field_label

# A plain question per account field a disqualifier may test; others get a generic one.
FIELD_QUESTIONS = {
    "employees": "Roughly how many people work at the company today?",
    "industry": "How would you describe the industry you are in?",
    "funding_stage": "How is the company funded today: bootstrapped, venture-backed, or otherwise?",
    "tech_stack": "Where does your data live today, and which systems hold it?",
    "region": "Where is most of the team based?",
    "country": "Which country is the company based in?",
    "annual_revenue": "Roughly what annual revenue range are you in?",
}
EXIT_LINE = (
    "Thank you, that is really helpful. From what you have told me, we would not be the right fit "
    "for you right now, and I would rather not take more of your time. May I send you a short guide "
    "that could help in the meantime?"
)


def trigger_question(trigger: str) -> str:
    return f"Is “{trigger}” part of what is happening at your company right now? How is it changing your priorities?"


def pain_question(pain: str) -> str:
    return f"How are you handling “{pain}” today, and what does it cost you?"


def disqualifier_questions(dq: Disqualifier) -> list[str]:
    """One question per distinct field the disqualifier tests, in rule order."""
    fields = list(dict.fromkeys(rule.field for rule in dq.rules))
    return [FIELD_QUESTIONS.get(f, f"Could you tell me about your {field_label(f).lower()}?") for f in fields]
