"""Thin Streamlit pages: read state, call the core, draw widgets."""
