"""The errors newsbot turns into one clear line for the user."""


class NewsbotError(Exception):
    """Base class: the message is safe and useful to show to a user as it is."""


class InputError(NewsbotError):
    """A file, URL or question that cannot be used."""


class UnknownCollectionError(NewsbotError):
    """A collection name that has never been ingested into."""


class BackendError(NewsbotError):
    """A store or model backend that failed or cannot be reached."""
