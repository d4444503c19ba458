#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

A developer checkout runs the README's commands as printed: when neither
DEBUG nor SECRET_KEY is set, manage.py sets DEBUG=true (development mode,
with the fixed insecure development key). Production always sets
SECRET_KEY (and DEBUG=false), so this never applies there; the settings
themselves, and the WSGI application (topggz/wsgi.py), still refuse to start
without SECRET_KEY when DEBUG is off.
"""
import os
import sys


def developer_defaults(environ) -> None:
    """DEBUG=true when the environment says nothing about DEBUG or SECRET_KEY."""
    if not environ.get("DEBUG") and not environ.get("SECRET_KEY"):
        environ["DEBUG"] = "true"


def main():
    """Run administrative tasks."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'topggz.settings')
    developer_defaults(os.environ)
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
