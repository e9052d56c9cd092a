package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The markdown dry-run rendered by a real CommonMark renderer (commonmark-java with GitHub's
 * tables, as a pull request shows it): a reader sees the same commands, SQL, values and prose as
 * the text dry-run prints, character for character.
 */
class DryRunMarkdownTest {
    private static final Engine ENGINE = Stepwise.engine();
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private static final String DESCRIPTION = """
            Fail over _dr-primary-to-secondary_ with [sbtest.*, bank.*] and 2*3*4;
            # not a heading, a|b, `tick`, <b>not html</b> & &amp; \\ back\\slash
            - not a list
            1. not a list either""";

    private static final String PLAN = """
            name: marks_*_and_|_pipes
            description: |
            %s
            inputs:
              pattern: {type: string, default: "a|b"}
              ticks: {type: string, default: "x`y``z"}
              multi: {type: string, default: "line one\\nline *two* | three"}
              under: {type: string, default: "_dr-primary-to-secondary_"}
              leading: {type: string, default: "`edge`"}
              password: {type: string, secret: true, default: "s3cr*t|`x`"}
            steps:
              - id: find_logs
                type: exec
                description: "*emphasis* is not _wanted_ here"
                with:
                  command: [find, /var/log, -name, '*.log', -o, -name, '*.tmp', -o, -name, 'a|b`c']
              - id: script
                type: exec
                with:
                  script: |
                    echo "[sbtest.*, bank.*]" `date` | tr a b
                    cat <<'EOF'
                    ```
                    not the end of the block
                    ````
                    EOF
                    echo "${inputs.password}"
              - id: say
                type: log
                when: "${inputs.pattern == 'a|b'}"
                with:
                  message: "_x_ and *y* and `z` | w"
            """.formatted(DESCRIPTION.indent(2).stripTrailing());

    @Test
    void aReaderSeesWhatTheTextDryRunPrints(@TempDir Path dir) throws IOException {
        Path plan = Files.writeString(dir.resolve("marks.yaml"), PLAN);
        String markdown = ENGINE.dryRun(plan, Map.of(), DryRunFormat.MARKDOWN);
        String text = ENGINE.dryRun(plan, Map.of(), DryRunFormat.TEXT);
        Node document = PARSER.parse(markdown);

        assertNoMarkupButOurs(document);
        assertThat(firstHeading(document)).isEqualTo("Dry-run: marks_*_and_|_pipes");
        assertThat(paragraphs(document)).contains(DESCRIPTION.replace("\n", "\n"));
        assertThat(paragraphs(document)).contains("*emphasis* is not _wanted_ here");

        List<List<String>> rows = tableRows(document);
        assertThat(rows).containsExactly(
                List.of("input", "value"),
                List.of("pattern", "a|b"),
                List.of("ticks", "x`y``z"),
                List.of("multi", "line one\nline *two* | three"),
                List.of("under", "_dr-primary-to-secondary_"),
                List.of("leading", "`edge`"),
                List.of("password", "****"));
        assertThat(text).contains("pattern = a|b", "ticks = x`y``z", "leading = `edge`", "password = ****");

        List<String> seen = paragraphs(document);
        List<String> actionLines = text.lines().map(String::strip)
                .filter(l -> l.startsWith("exec ") || l.startsWith("note log: ")).map(l -> l.replaceAll(":$", "")).toList();
        assertThat(actionLines).hasSize(3);
        assertThat(actionLines.get(0)).contains("'*.log'", "'*.tmp'", "'a|b`c'");
        assertThat(actionLines.get(2)).isEqualTo("note log: _x_ and *y* and `z` | w");
        assertThat(seen).containsAll(actionLines);

        List<String> blocks = fencedBlocks(document);
        String script = textBlock(text, "exec /bin/sh -ec <script below>:");
        assertThat(blocks).contains(script);
        assertThat(script).contains("```\nnot the end of the block\n````", "echo \"****\"").doesNotContain("s3cr");
        assertThat(markdown).doesNotContain("s3cr");
        assertThat(seen).anySatisfy(p -> assertThat(p).startsWith("when: ${inputs.pattern == 'a|b'} -> "));
    }

    static Stream<Path> plans() throws IOException {
        return DryRunGoldenTest.plans();
    }

    /** Every committed plan: no emphasis, links or HTML a renderer invents, every action line shown whole. */
    @ParameterizedTest
    @MethodSource("plans")
    void committedPlansRenderAsPrinted(Path plan) {
        String markdown = ENGINE.dryRun(plan, Map.of(), DryRunFormat.MARKDOWN);
        String text = ENGINE.dryRun(plan, Map.of(), DryRunFormat.TEXT);
        Node document = PARSER.parse(markdown);
        assertNoMarkupButOurs(document);
        List<String> seen = paragraphs(document);
        List<String> blocks = fencedBlocks(document);
        List<String> summaries = text.lines().filter(l -> l.matches("    (exec|sql|http|s3|file) .*"))
                .map(l -> l.strip().replaceAll(":$", "")).toList();
        assertThat(seen).containsAll(summaries);
        List<String> bodies = text.lines().filter(l -> l.startsWith("        ")).map(String::strip).toList();
        String allBlocks = String.join("\n", blocks);
        long shown = bodies.stream().filter(b -> allBlocks.contains(b) || seen.stream().anyMatch(p -> p.contains(b))).count();
        assertThat(shown).as("lines of bodies and rollbacks a reader sees").isEqualTo(bodies.size());
    }

    private static void assertNoMarkupButOurs(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Emphasis emphasis) {
                throw new AssertionError("emphasis a plan did not ask for: " + reader(emphasis));
            }

            @Override
            public void visit(StrongEmphasis strong) {
                assertThat(reader(strong)).as("only action kinds and the on-failure mode are bold").matches("[a-z0-9._-]+");
            }

            @Override
            public void visit(Link link) {
                throw new AssertionError("a link: " + link.getDestination());
            }

            @Override
            public void visit(HtmlInline html) {
                assertThat(html.getLiteral()).as("inline HTML outside a table's line breaks").isEqualTo("<br>");
                assertThat(inTable(html)).as("<br> outside a table").isTrue();
            }

            @Override
            public void visit(HtmlBlock html) {
                throw new AssertionError("an HTML block: " + html.getLiteral());
            }

            @Override
            public void visit(IndentedCodeBlock block) {
                throw new AssertionError("an indented code block: " + block.getLiteral());
            }

            @Override
            public void visit(OrderedList list) {
                throw new AssertionError("an ordered list: " + reader(list));
            }

            @Override
            public void visit(ThematicBreak rule) {
                throw new AssertionError("a thematic break");
            }

            @Override
            public void visit(Heading heading) {
                assertThat(heading.getLevel()).isIn(1, 2);
                visitChildren(heading);
            }

            @Override
            public void visit(BulletList list) {
                assertThat(list.getPrevious()).as("a list follows its label").isNotNull();
                visitChildren(list);
            }
        });
    }

    /** The text a reader sees in a node: literal text and code, line breaks (and table {@code <br>}) as newlines. */
    static String reader(Node node) {
        StringBuilder out = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                out.append(t.getLiteral());
            } else if (child instanceof Code c) {
                out.append(c.getLiteral());
            } else if (child instanceof HardLineBreak || child instanceof SoftLineBreak) {
                out.append('\n');
            } else if (child instanceof HtmlInline html && html.getLiteral().equals("<br>") && inTable(html)) {
                out.append('\n');
            } else if (child instanceof HtmlInline html) {
                throw new AssertionError("inline HTML: " + html.getLiteral());
            } else if (child instanceof FencedCodeBlock f) {
                out.append(f.getLiteral());
            } else {
                if (child instanceof Block && out.length() > 0) {
                    out.append('\n');
                }
                out.append(reader(child));
            }
        }
        return out.toString();
    }

    private static boolean inTable(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof TableCell) {
                return true;
            }
        }
        return false;
    }

    private static String firstHeading(Node document) {
        List<String> found = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                found.add(reader(heading));
            }
        });
        return found.get(0);
    }

    /** The text of every paragraph (list items included), as a reader sees it. */
    private static List<String> paragraphs(Node document) {
        List<String> found = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Paragraph paragraph) {
                found.add(reader(paragraph));
            }

            @Override
            public void visit(Heading heading) {
                found.add(reader(heading));
            }
        });
        return found;
    }

    private static List<String> fencedBlocks(Node document) {
        List<String> found = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                found.add(block.getLiteral().replaceAll("\n$", ""));
            }
        });
        return found;
    }

    private static List<List<String>> tableRows(Node document) {
        List<List<String>> rows = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.CustomBlock block) {
                if (block instanceof TableBlock) {
                    collectRows(block, rows);
                }
            }
        });
        return rows;
    }

    private static void collectRows(Node node, List<List<String>> rows) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow) {
                List<String> cells = new ArrayList<>();
                for (Node cell = child.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add(reader(cell));
                }
                rows.add(cells);
            } else {
                collectRows(child, rows);
            }
        }
    }

    /** The body the text dry-run prints under an action line (indented eight spaces). */
    private static String textBlock(String text, String header) {
        List<String> lines = text.lines().toList();
        int at = lines.indexOf("    " + header);
        assertThat(at).as("text dry-run line " + header).isNotNegative();
        List<String> body = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("        "); i++) {
            body.add(lines.get(i).substring(8));
        }
        return String.join("\n", body);
    }
}
