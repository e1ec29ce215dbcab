"""The web app by area: views, forms, services, selectors and models, through the real pages."""
