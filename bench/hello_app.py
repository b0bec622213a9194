"""The framework floor: the smallest Streamlit app, measured beside the course in every benchmark."""

import streamlit as st

st.title("Hello world")
st.write("Bonjour !")
