# R's nls(SSfol) fit of each of the 12 theophylline subjects (datasets::Theoph): the reference of
# NanoPK's per-subject fits. Unweighted least squares; log-parameters lKe, lKa, lCl (1/h, 1/h, L/kg/h).
fits <- lapply(split(Theoph, Theoph$Subject), function(d) {
  f <- nls(conc ~ SSfol(Dose, Time, lKe, lKa, lCl), data = d)
  s <- summary(f)$coefficients
  data.frame(subject = as.character(d$Subject[1]), dose = d$Dose[1],
             lKe = s["lKe", 1], lKa = s["lKa", 1], lCl = s["lCl", 1],
             se_lKe = s["lKe", 2], se_lKa = s["lKa", 2], se_lCl = s["lCl", 2], rss = deviance(f))
})
out <- do.call(rbind, fits)
out <- out[order(as.integer(out$subject)), ]
write.csv(out, "theoph_nls_reference.csv", row.names = FALSE, quote = FALSE)  # 15 significant digits
cat(R.version.string, "\n")
