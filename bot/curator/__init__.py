"""The curators' side: the store of what people asked, recording, reports and suggestions."""
