"""The one exception the database loader raises for problems a user must fix."""


class LoadError(Exception):
    """A problem with the database URL, the server or the input directory; str() says what to do."""
