/** An application module that uses NanoPK through its exported API. */
module org.example.modular {
    requires org.nanopk;
    exports org.example.modular;
}
