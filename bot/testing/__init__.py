"""Test doubles the package itself needs: the fake Discord and the load generator that
`python -m bot bench --discord` drives the real client with (the end-to-end tests use them too).
"""
