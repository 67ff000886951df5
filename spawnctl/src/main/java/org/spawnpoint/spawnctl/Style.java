package org.spawnpoint.spawnctl;

/** ANSI colours as the original prints them (mgutz/ansi), or nothing when colours are off. */
record Style(boolean on) {
    String blue(String s) {
        return wrap("\u001b[1;34m", s);
    }

    String green(String s) {
        return wrap("\u001b[1;32m", s);
    }

    String red(String s) {
        return wrap("\u001b[1;31m", s);
    }

    String yellow(String s) {
        return wrap("\u001b[1;33m", s);
    }

    String cyan(String s) {
        return wrap("\u001b[1;36m", s);
    }

    private String wrap(String code, String s) {
        return on ? code + s + "\u001b[0m" : s;
    }
}
