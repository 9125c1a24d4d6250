package org.nanopk.examples.notebook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;

/**
 * The NanoPK Jupyter kernel: Java through the JDK's JShell ({@link Cells}) with NanoPK on the class path,
 * speaking Jupyter's protocol through the JJava project's library. A cell's last expression is shown
 * ({@link Display}: charts inline as PNG); compile errors point at the line and column; exceptions show the
 * user's frames; Tab completes and Shift-Tab shows Javadoc; an interrupt stops the running cell.
 *
 * <p>Run by Jupyter as {@code java -cp nanopk.jar org.nanopk.examples.notebook.NanoPkKernel CONNECTION.json};
 * {@code ./nanopk notebook install} writes the kernelspec.
 */
public final class NanoPkKernel extends BaseKernel {
    private final Cells cells;

    NanoPkKernel(Cells cells) {
        super("nanopk", version(), new LanguageInfo.Builder("java").version(Runtime.version().toString())
                .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("text/x-java")
                .build(), List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
            null, new MagicsRegistry(), false, new StringStyler.Builder().addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG).addHighlightStyle(TextColor.BOLD_RESET_FG).build());
        this.cells = cells;
    }

    private static String version() {
        String v = NanoPkKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String getBanner() {
        return "NanoPK " + version() + " on Java " + Runtime.version() + " (JShell): org.nanopk.* is imported";
    }

    @Override
    public Object evalRaw(String source) {
        Cells.Outcome o = cells.run(source);
        return o.hasValue() ? o.value() : null;
    }

    @Override
    public DisplayData eval(String source) {
        Cells.Outcome o = cells.run(source);
        if (!o.hasValue()) {
            return null;
        }
        DisplayData d = new DisplayData();
        for (Map.Entry<String, String> e : Display.bundle(o.value()).entrySet()) {
            d.putData(e.getKey(), e.getValue());
        }
        return d;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = cells.documentation(code, at);
        return doc.isEmpty() ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Cells.Completion c = cells.complete(code, at);
        return c.candidates().isEmpty() ? null : new ReplacementOptions(c.candidates(), c.from(), c.to());
    }

    @Override
    public String isComplete(String code) {
        return switch (cells.completeness(code)) {
            case "complete" -> IS_COMPLETE_YES;
            case "incomplete" -> "    ";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        cells.stop();
    }

    @Override
    public List<String> formatError(Throwable e) {
        return e instanceof CellError c ? c.lines() : super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        cells.close();
    }

    /**
     * Starts the kernel on a Jupyter connection file.
     *
     * @param args the connection file's path
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: NanoPkKernel CONNECTION_FILE.json (Jupyter starts the kernel; see "
                + "./nanopk notebook install)");
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        NanoPkKernel kernel = new NanoPkKernel(Cells.start());
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }
}
