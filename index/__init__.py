"""The knowledge side of newsbot: load, clean, chunk, embed, store, retrieve and answer.

Nothing in this package knows about Telegram.
"""
