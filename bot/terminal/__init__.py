"""The terminal adapter: the chat a newcomer sees first, and plain-text/JSON renderings."""
