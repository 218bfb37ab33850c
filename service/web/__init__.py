"""Pages for outreach staff (issue 6): `mount(app)` adds them to the FastAPI app."""
