"""Streamlit-free core of « Formation aux réseaux sociaux »: content model, loading and logic."""
