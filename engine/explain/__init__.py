"""Explanations: proof trees built from which rule fired with which conjunct of its conditions."""
