package org.nanopk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.nanopk.internal.Expr;
import org.nanopk.internal.ExprBytecode;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates a {@link Kernel} for a model structure with ASM and defines it as a hidden class of this
 * package (so it may extend the package-private {@code Kernel} and be unloaded with its structure).
 * Each parameter set instantiates the class with its own constants: the linear coefficients, the
 * constant rates and every parameter-only subexpression of the nonlinear terms, in the order of
 * {@link Plan#constants()}.
 *
 * <p>Generated methods are split in chunks of at most {@value #CHUNK_BYTES} bytes of code, below the
 * JIT's limit for compiling a method. The constants are final fields; a structure that would need more
 * than {@value #MAX_CONSTANTS} (a model of thousands of transfers) reads them from one final array
 * instead, at constant indices, and its chunks are half as long to leave room for the longer loads.
 */
final class KernelCompiler {
    static final int CHUNK_BYTES = 6000;
    static final int MAX_CONSTANTS = 6000;
    private static final String KERNEL = "org/nanopk/Kernel";
    private static final String DERIVATIVES = "(D[D[D[D[D)V";
    private static final String PARTIALS = "(D[D[D)V";

    /** Where constant {@code k} comes from: a linear entry, a row's constant rate, or a parameter-only expression. */
    record Constant(int linearEntry, int constantRow, Expr expression) {
    }

    /** A generated class (an instance with all constants 0) and the constants its constructor takes. */
    record Plan(Kernel prototype, List<Constant> constants, int nonlinearTerms) {
        /** The kernel of one parameter set. */
        Kernel instantiate(double[] values) {
            return prototype.withConstants(values);
        }
    }

    /** Whether right-hand sides are generated ({@code -Dnanopk.codegen=false} keeps the interpreter). */
    static final boolean ENABLED = !"false".equals(System.getProperty("nanopk.codegen"));

    private final CompiledModel m;
    private final int np;
    private final int n;
    private final List<Constant> constants = new ArrayList<>();
    private final List<CompiledModel.Term> nonlinear = new ArrayList<>();
    private final ClassWriter cw;
    private final String name;
    private int chunks;
    /** The nonlinear terms that move amount into or out of each row, in term order. */
    private final int[][] touching;
    /** Constants in one array rather than fields (large structures). */
    private final boolean arrayMode;

    private KernelCompiler(CompiledModel m, boolean arrayMode) {
        this.m = m;
        this.np = m.np;
        this.n = m.ns;
        for (CompiledModel.Term t : m.terms) {
            if (!t.linear) {
                nonlinear.add(t);
            }
        }
        int[] count = new int[n];
        for (CompiledModel.Term t : nonlinear) {
            count[t.to]++;
            if (t.from >= 0 && t.from != t.to) {
                count[t.from]++;
            }
        }
        touching = new int[n][];
        for (int i = 0; i < n; i++) {
            touching[i] = new int[count[i]];
            count[i] = 0;
        }
        for (int j = 0; j < nonlinear.size(); j++) {
            CompiledModel.Term t = nonlinear.get(j);
            touching[t.to][count[t.to]++] = j;
            if (t.from >= 0 && t.from != t.to) {
                touching[t.from][count[t.from]++] = j;
            }
        }
        this.arrayMode = arrayMode;
        this.name = "org/nanopk/Kernel$Generated";
        this.cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // only arrays and this are merged; no class need be loaded
            }
        };
    }

    /** The generated kernel of a structure: constants as fields, or in an array when there are too many. */
    static Plan compile(CompiledModel m) {
        Plan p = new KernelCompiler(m, false).generate();
        return p != null ? p : new KernelCompiler(m, true).generate();
    }

    private Plan generate() {
        for (int e = 0; e < m.linCol.length; e++) {
            constants.add(new Constant(e, -1, null));
        }
        for (int row : m.linConstRows) {
            constants.add(new Constant(-1, row, null));
        }
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, KERNEL, null);
        List<Statement> rhs = new ArrayList<>();
        for (int j = 0; j < nonlinear.size(); j++) {
            rhs.add(rate(j));
        }
        int constRow = 0;
        for (int i = 0; i < n; i++) {
            boolean hasConst = constRow < m.linConstRows.length && m.linConstRows[constRow] == i;
            rhs.add(row(i, m.linRowStart[i], m.linRowStart[i + 1], hasConst ? m.linCol.length + constRow : -1));
            if (hasConst) {
                constRow++;
            }
        }
        List<Statement> jac = new ArrayList<>();
        List<Statement> dt = new ArrayList<>();
        for (int j = 0; j < nonlinear.size(); j++) {
            CompiledModel.Term t = nonlinear.get(j);
            for (int s = 0; s < t.deps.length; s++) {
                jac.add(partial(t, t.partials[s], t.deps[s]));
            }
            if (t.dt != null) {
                dt.add(timePartial(t));
            }
        }
        method("derivatives", DERIVATIVES, 7, rhs);
        method("addJacobian", PARTIALS, 5, jac);
        method("addTimeDerivative", PARTIALS, 5, dt);
        if (!arrayMode && constants.size() > MAX_CONSTANTS) {
            return null; // the caller writes it again with the constants in an array
        }
        fields();
        cw.visitEnd();
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true);
            MethodHandle ctor = lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class,
                double[].class)).asType(MethodType.methodType(Kernel.class, double[].class));
            Kernel prototype = (Kernel) ctor.invokeExact(new double[constants.size()]);
            return new Plan(prototype, List.copyOf(constants), nonlinear.size());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the generated right-hand side of model '" + m.name + "'", e);
        }
    }

    /** One statement of a generated method, with an upper bound on its code size. */
    private interface Statement {
        int size();

        void emit(MethodVisitor mv, Locals locals);
    }

    /** Local variables of the method being written. */
    private static final class Locals {
        int next;

        Locals(int first) {
            next = first;
        }

        int newDouble() {
            int l = next;
            next += 2;
            return l;
        }
    }

    /** r[j] = rate of nonlinear term j. */
    private Statement rate(int j) {
        Expr e = nonlinear.get(j).rate;
        return new Statement() {
            public int size() {
                return 8 + ExprBytecode.size(e, np);
            }

            public void emit(MethodVisitor mv, Locals locals) {
                mv.visitVarInsn(Opcodes.ALOAD, 6);
                pushInt(mv, j);
                ExprBytecode.emit(e, mv, context(locals));
                mv.visitInsn(Opcodes.DASTORE);
            }
        };
    }

    /** dy[i] = in[i] + Σ c_e·y[col_e] + c_row + Σ r[j into i] − Σ r[j out of i]. */
    private Statement row(int i, int from, int to, int constIndex) {
        return new Statement() {
            public int size() {
                return 12 + 12 * (to - from) + 6 + 8 * touching[i].length;
            }

            public void emit(MethodVisitor mv, Locals locals) {
                mv.visitVarInsn(Opcodes.ALOAD, 5);
                pushInt(mv, i);
                mv.visitVarInsn(Opcodes.ALOAD, 4);
                pushInt(mv, i);
                mv.visitInsn(Opcodes.DALOAD);
                for (int e = from; e < to; e++) {
                    loadField(mv, e);
                    mv.visitVarInsn(Opcodes.ALOAD, 3);
                    pushInt(mv, m.linCol[e]);
                    mv.visitInsn(Opcodes.DALOAD);
                    mv.visitInsn(Opcodes.DMUL);
                    mv.visitInsn(Opcodes.DADD);
                }
                if (constIndex >= 0) {
                    loadField(mv, constIndex);
                    mv.visitInsn(Opcodes.DADD);
                }
                for (int j : touching[i]) {
                    CompiledModel.Term t = nonlinear.get(j);
                    mv.visitVarInsn(Opcodes.ALOAD, 6);
                    pushInt(mv, j);
                    mv.visitInsn(Opcodes.DALOAD);
                    mv.visitInsn(t.to == i ? Opcodes.DADD : Opcodes.DSUB);
                }
                mv.visitInsn(Opcodes.DASTORE);
            }
        };
    }

    /** jac[from·n + s] −= p; jac[to·n + s] += p with p = finite(∂rate/∂y_s). */
    private Statement partial(CompiledModel.Term t, Expr p, int s) {
        return scatter(t, p, t.from < 0 ? -1 : t.from * n + s, t.to * n + s);
    }

    /** ft[from] −= p; ft[to] += p with p = finite(∂rate/∂t). */
    private Statement timePartial(CompiledModel.Term t) {
        return scatter(t, t.dt, t.from, t.to);
    }

    private Statement scatter(CompiledModel.Term t, Expr p, int minus, int plus) {
        return new Statement() {
            public int size() {
                return 30 + ExprBytecode.size(p, np);
            }

            public void emit(MethodVisitor mv, Locals locals) {
                int v = locals.newDouble();
                ExprBytecode.emit(p, mv, context(locals));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, KERNEL, "finite", "(D)D", false);
                mv.visitVarInsn(Opcodes.DSTORE, v);
                if (minus >= 0) {
                    add(mv, minus, v, Opcodes.DSUB);
                }
                add(mv, plus, v, Opcodes.DADD);
            }
        };
    }

    /** a[index] op= local (a is argument 4: the Jacobian or ∂f/∂t). */
    private static void add(MethodVisitor mv, int index, int local, int op) {
        mv.visitVarInsn(Opcodes.ALOAD, 4);
        pushInt(mv, index);
        mv.visitInsn(Opcodes.DUP2);
        mv.visitInsn(Opcodes.DALOAD);
        mv.visitVarInsn(Opcodes.DLOAD, local);
        mv.visitInsn(op);
        mv.visitInsn(Opcodes.DASTORE);
    }

    /** Reads states from argument 3 and t from argument 1; constants are registered fields. */
    private ExprBytecode.Context context(Locals locals) {
        return new ExprBytecode.Context() {
            public int firstFreeSlot() {
                return np;
            }

            public void loadSlot(MethodVisitor mv, int slot) {
                if (slot == np + n) {
                    mv.visitVarInsn(Opcodes.DLOAD, 1);
                } else {
                    mv.visitVarInsn(Opcodes.ALOAD, 3);
                    pushInt(mv, slot - np);
                    mv.visitInsn(Opcodes.DALOAD);
                }
            }

            public void loadConstant(MethodVisitor mv, Expr subtree) {
                constants.add(new Constant(-1, -1, subtree));
                loadField(mv, constants.size() - 1);
            }

            public int newLocal() {
                return locals.newDouble();
            }
        };
    }

    /** Writes a method that calls its chunks in order, each chunk a private method of the statements. */
    private void method(String methodName, String descriptor, int firstLocal, List<Statement> statements) {
        List<Integer> starts = new ArrayList<>();
        int limit = arrayMode ? CHUNK_BYTES / 2 : CHUNK_BYTES;
        int size = limit;
        for (int i = 0; i < statements.size(); i++) {
            int s = statements.get(i).size();
            if (size + s > limit) {
                starts.add(i);
                size = 0;
            }
            size += s;
        }
        starts.add(statements.size());
        MethodVisitor top = cw.visitMethod(Opcodes.ACC_FINAL, methodName, descriptor, null, null);
        top.visitCode();
        for (int c = 0; c + 1 < starts.size(); c++) {
            String chunk = methodName + "$" + chunks++;
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, chunk, descriptor, null, null);
            mv.visitCode();
            Locals locals = new Locals(firstLocal);
            for (int i = starts.get(c); i < starts.get(c + 1); i++) {
                statements.get(i).emit(mv, locals);
            }
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            // call it with the same arguments
            top.visitVarInsn(Opcodes.ALOAD, 0);
            int slot = 1;
            for (org.objectweb.asm.Type a : org.objectweb.asm.Type.getArgumentTypes(descriptor)) {
                top.visitVarInsn(a.getOpcode(Opcodes.ILOAD), slot);
                slot += a.getSize();
            }
            top.visitMethodInsn(Opcodes.INVOKESPECIAL, name, chunk, descriptor, false);
        }
        top.visitInsn(Opcodes.RETURN);
        top.visitMaxs(0, 0);
        top.visitEnd();
    }

    /** The fields c0…cK and the constructor that sets them from its array. */
    private void fields() {
        MethodVisitor mv = cw.visitMethod(0, "<init>", "([D)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, KERNEL, "<init>", "()V", false);
        if (arrayMode) {
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "c", "[D", null, null).visitEnd();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitFieldInsn(Opcodes.PUTFIELD, name, "c", "[D");
        }
        for (int k = 0; !arrayMode && k < constants.size(); k++) {
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "c" + k, "D", null, null).visitEnd();
        }
        for (int k = 0; !arrayMode && k < constants.size(); k++) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            pushInt(mv, k);
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitFieldInsn(Opcodes.PUTFIELD, name, "c" + k, "D");
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        // Kernel withConstants(double[] c) { return new Generated(c); }
        MethodVisitor w = cw.visitMethod(Opcodes.ACC_FINAL, "withConstants", "([D)L" + KERNEL + ";", null, null);
        w.visitCode();
        w.visitTypeInsn(Opcodes.NEW, name);
        w.visitInsn(Opcodes.DUP);
        w.visitVarInsn(Opcodes.ALOAD, 1);
        w.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", "([D)V", false);
        w.visitInsn(Opcodes.ARETURN);
        w.visitMaxs(0, 0);
        w.visitEnd();
    }

    private void loadField(MethodVisitor mv, int k) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        if (arrayMode) {
            mv.visitFieldInsn(Opcodes.GETFIELD, name, "c", "[D");
            pushInt(mv, k);
            mv.visitInsn(Opcodes.DALOAD);
            return;
        }
        mv.visitFieldInsn(Opcodes.GETFIELD, name, "c" + k, "D");
    }

    private static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
