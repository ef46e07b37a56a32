"""The web workspace: the ASGI app (app.create_app), sign-in, review pages, the JSON API."""
