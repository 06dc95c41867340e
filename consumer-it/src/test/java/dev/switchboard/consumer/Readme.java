package dev.switchboard.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's fenced code blocks, read from the file itself so that the tests check what users read. A block
 * whose first line is a comment naming a path ({@code // src/main/java/...}, {@code <!-- pom.xml -->}) is a
 * file of the README's example project.
 */
record Readme(List<Readme.Block> blocks) {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");
    private static final Pattern PATH_COMMENT =
            Pattern.compile("^(?://\\s*(\\S+)|<!--\\s*(\\S+)\\s*-->)\\s*$");

    /** One fenced block: its language, its text (indentation of a list item removed) and its first line. */
    record Block(String language, String text, int line) {

        /** The project path its first line names, if it is a file of the example project. */
        Optional<String> path() {
            Matcher m = PATH_COMMENT.matcher(text.lines().findFirst().orElse(""));
            if (!m.matches()) {
                return Optional.empty();
            }
            String path = m.group(1) != null ? m.group(1) : m.group(2);
            return path.startsWith("src/") || path.equals("pom.xml") ? Optional.of(path) : Optional.empty();
        }
    }

    static Readme load() throws IOException {
        Path file = Path.of(System.getProperty("readme.file", "../README.md"));
        List<Block> blocks = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            StringBuilder text = new StringBuilder();
            int start = i + 1;
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i);
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
            }
            blocks.add(new Block(open.group(2), text.toString(), start + 1));
        }
        return new Readme(blocks);
    }

    List<Block> blocks(String language) {
        return blocks.stream().filter(b -> b.language().equals(language)).toList();
    }

    /** The files of the example project, by path. */
    List<Block> projectFiles() {
        return blocks.stream().filter(b -> b.path().isPresent()).toList();
    }
}
