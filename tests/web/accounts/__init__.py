"""Sign-in, passwords, the profile page and two-factor sign-in."""
