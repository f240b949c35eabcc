"""The typed model of a rule base: what the rule files say, with spans and citations."""
