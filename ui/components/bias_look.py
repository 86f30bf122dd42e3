"""How a severity looks: a word, a shape and an icon carry the meaning; the colour only repeats it."""

from __future__ import annotations

from icpcore.bias.wording import SEVERITY_WORDS

# severity: (shape for tables, Material icon, Streamlit colour, light background for table cells)
LOOK = {
    "high": ("▲", ":material/warning:", "red", "#fde2e1"),
    "medium": ("◆", ":material/info:", "orange", "#fff1d6"),
    "none": ("●", ":material/check_circle:", "green", "#e3f4e6"),
    "insufficient_data": ("○", ":material/hourglass_empty:", "gray", "#eeeeee"),
}


def label(severity: str) -> str:
    """'▲ High: review': plain text, for tables and pickers."""
    return f"{LOOK[severity][0]} {SEVERITY_WORDS[severity]}"


def markdown(severity: str) -> str:
    """The severity as coloured Markdown with its icon and words."""
    _, icon, colour, _ = LOOK[severity]
    return f":{colour}[{icon} **{SEVERITY_WORDS[severity]}**]"


def background(text: object) -> str:
    """CSS for a table cell whose text starts with a severity shape."""
    for shape, _, _, fill in LOOK.values():
        if str(text).startswith(shape):
            return f"background-color: {fill}; color: #1f1f1f"
    return ""


def legend() -> str:
    return " · ".join(f"{LOOK[s][0]} {SEVERITY_WORDS[s]}" for s in LOOK)
