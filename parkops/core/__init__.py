"""The pure-Python core: validators and computation with no Django import.

Everything here takes plain values in and gives plain values out, so that it can be tested fast
and reused by the web pages, the API, the imports and the command line alike.
"""
