"""Demo content for a fresh Quartieri site, loaded by `manage.py load_demo`.

`content` holds the facts as data, `dates` turns schedule shapes into dates, `images` draws
the pictures, `builder` gets or creates every object, `users` creates the admin account.
"""
