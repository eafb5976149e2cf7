"""`pncaf serve`: the whole workflow in a browser, over the same convention files.

The web face calls the application layer (`pncaf.actions`) and nothing below it: every
save is the edit `record`, `new` or `import` makes. Modules:

- `settings`: what one run serves (paths, date, token, address);
- `server`: binds the address, prints the URL, runs waitress until Ctrl-C;
- `app`: the Flask application factory;
- `security`: the token, the session, the Host check, CSRF and Origin, the headers;
- `views/`: one module per page; `forms`: form fields read into the actions' requests.

Flask and waitress are imported here only: `pncaf check` never loads them.
"""
