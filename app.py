"""Fitboard: page config, navigation, the shared sidebar. Nothing else."""

import streamlit as st

from ui import auth
from ui.components.frame import render_frame
from ui.navigation import pages

st.set_page_config(page_title="Fitboard", page_icon=":material/target:", layout="wide")
auth.gate()  # sign-in, when an identity provider is configured
page = st.navigation(pages(), position="top")
render_frame()
page.run()
