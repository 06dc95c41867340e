package dev.switchboard.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of one Markdown file, read from the file itself so that the tests check what users read.
 * In the README, a block whose first line is a comment naming a path ({@code // src/main/java/...},
 * {@code <!-- pom.xml -->}) is a file of the example project.
 */
record Readme(Path file, List<Readme.Block> blocks) {

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

    /** The README ({@code readme.file}), which alone holds the example project. */
    static Readme load() throws IOException {
        return load(readmeFile());
    }

    /**
     * Every Markdown file whose Java blocks users read: the README, each {@code docs/*.md} ({@code docs.dir}),
     * and {@code bench/README.md} and {@code CONTRIBUTING.md} beside the README.
     */
    static List<Readme> documents() throws IOException {
        Path readme = readmeFile();
        Path root = readme.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>(List.of(readme));
        try (Stream<Path> docs = Files.list(Path.of(System.getProperty("docs.dir", root.resolve("docs").toString())))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path other : List.of(root.resolve("bench/README.md"), root.resolve("CONTRIBUTING.md"))) {
            if (Files.exists(other)) {
                files.add(other);
            }
        }
        List<Readme> documents = new ArrayList<>();
        for (Path file : files) {
            documents.add(load(file));
        }
        return documents;
    }

    /** The file's name as the tests report it: its path from the repository's root. */
    String name() {
        Path root = readmeFile().toAbsolutePath().normalize().getParent();
        return root.relativize(file.toAbsolutePath().normalize()).toString();
    }

    private static Path readmeFile() {
        return Path.of(System.getProperty("readme.file", "../README.md"));
    }

    static Readme load(Path file) throws IOException {
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
        return new Readme(file, blocks);
    }

    List<Block> blocks(String language) {
        return blocks.stream().filter(b -> b.language().equals(language)).toList();
    }

    /** The files of the example project, by path. */
    List<Block> projectFiles() {
        return blocks.stream().filter(b -> b.path().isPresent()).toList();
    }
}
