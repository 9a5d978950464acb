"""一图读懂 (the report as a picture: an A4 poster and a long image for phones) and the 概览 panel."""
