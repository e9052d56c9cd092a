package io.stepwise.steps.sysbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sysbench's {@code read_config} (src/sb_options.c, HEAD 3ceba0b1) in Java, to read a generated config
 * file back the way sysbench does: a line is read into 256 bytes; the name runs to the first '=';
 * values are separated by ','; whitespace is skipped; '#' ends the line; a value in ' or " runs to the
 * next quote of the same kind (an unclosed one is an error); otherwise it stops at ',' or whitespace.
 */
final class SysbenchConfigReader {
    private SysbenchConfigReader() {
    }

    static Map<String, List<String>> read(String text) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : text.split("(?<=\n)")) {
            for (int i = 0; i < line.length(); i += 255) {
                lines.add(line.substring(i, Math.min(line.length(), i + 255)));
            }
        }
        for (String buf : lines) {
            int eq = buf.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = buf.substring(0, eq);
            String tmp = buf.substring(eq + 1);
            List<String> values = new ArrayList<>();
            int i = 0;
            while (i < tmp.length()) {
                char c = tmp.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#') {
                    break;
                } else if (c == '\'' || c == '"') {
                    int end = tmp.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unexpected EOL");
                    }
                    values.add(tmp.substring(i + 1, end));
                    i = end + 1;
                    while (i < tmp.length() && tmp.charAt(i) != ',') {
                        i++;
                    }
                    if (i < tmp.length()) {
                        i++;
                    }
                } else {
                    int len = 0;
                    while (i + len < tmp.length() && tmp.charAt(i + len) != ','
                            && !Character.isWhitespace(tmp.charAt(i + len))) {
                        len++;
                    }
                    values.add(tmp.substring(i, i + len));
                    i += len + (i + len < tmp.length() ? 1 : 0);
                }
            }
            options.put(name, values);
        }
        return options;
    }
}
