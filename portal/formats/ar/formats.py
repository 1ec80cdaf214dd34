"""Arabic with Latin digits, as the portal writes numbers: "35,000" (Unicode CLDR's `ar` with
the `latn` numbering). Django's own Arabic formats set separators but no grouping, so large
numbers came out as "35000"."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
