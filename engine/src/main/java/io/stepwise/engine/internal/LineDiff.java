package io.stepwise.engine.internal;

import java.util.List;

/** A line diff of two short texts (a step's dry-run before and after), marked "- " and "+ " as a reviewer reads them. */
final class LineDiff {
    private LineDiff() {
    }

    static String unified(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                out.append("      ").append(before.get(i)).append('\n');
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                out.append("    - ").append(before.get(i++)).append('\n');
            } else {
                out.append("    + ").append(after.get(j++)).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }
}
