"""Streamlit glue shared by the pages (the engine lives in `icpcore`)."""
