"""Pieces of pages: each draws one part of a screen."""
