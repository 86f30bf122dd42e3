"""Fitboard: page config, navigation, the shared sidebar. Nothing else."""

import streamlit as st

from ui.components.sidebar import render_sidebar
from ui.navigation import pages

st.set_page_config(page_title="Fitboard", page_icon=":material/target:", layout="wide")
page = st.navigation(pages())
render_sidebar()
page.run()
