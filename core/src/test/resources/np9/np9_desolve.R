# NP9 (NanoPK's benchmark model) solved by deSolve's lsodar, independently of NanoPK:
# DEmax by lsodar's root finding on dTumor/dt = 0, areas by quadrature states, values at 7 h.
library(deSolve)
p <- c(kR=0.01, kEPR=0.02, kBack=0.05, VmL=20, KmL=5, VmS=5, KmS=5, kTAM=0.1, kCell=0.05,
       kEsc=0.02, kDeg=1.0, kTdeg=0.01, kCdeg=0.05)
rhs <- function(t, y, p) with(as.list(c(y, p)), {
  uL <- VmL*B/(KmL+B); uS <- VmS*B/(KmS+B)
  dB  <- -kR*B - kEPR*B + kBack*Ti - uL - uS
  dTi <- kEPR*B - kBack*Ti - kTAM*Ti - kCell*Ti
  dTm <- kTAM*Ti - kTdeg*Tm
  dL  <- uL; dS <- uS
  dE  <- kCell*Ti - kEsc*E - kDeg*E
  dC  <- kEsc*E - kCdeg*C
  dD  <- kDeg*E + kTdeg*Tm + kCdeg*C
  dU  <- kR*B
  tumor <- Ti+Tm+E+C
  list(c(dB,dTi,dTm,dL,dS,dE,dC,dD,dU, tumor, B), c(dTumor = dTi+dTm+dE+dC))
})
y0 <- c(B=100,Ti=0,Tm=0,L=0,S=0,E=0,C=0,D=0,U=0,aucT=0,aucB=0)
root <- function(t, y, p) rhs(t, y, p)[[2]][["dTumor"]]
times <- c(0, 1e-9, 7, 50, 168)
# lsodar stops at the first root: one run for the maximum, one for the values and areas
peak <- lsodar(y0, c(0, 168), rhs, p, rootfunc = root, rtol = 1e-12, atol = 1e-14)
tr <- attributes(peak)$troot
yr <- peak[nrow(peak), ]   # the state at the root, where lsodar stopped
o <- as.data.frame(lsoda(y0, times, rhs, p, rtol = 1e-12, atol = 1e-14))
tum <- function(r) r$Ti + r$Tm + r$E + r$C
res <- c(timeOfDEmax = tr[1], DEmax = sum(yr[c("Ti","Tm","E","C")]),
         DE7 = tum(o[o$time==7,]), B7 = o$B[o$time==7],
         aucTumor50 = o$aucT[o$time==50], aucTumor168 = o$aucT[o$time==168], aucB168 = o$aucB[o$time==168])
write.csv(data.frame(quantity = names(res), value = sprintf("%.15g", res)), "np9_desolve_reference.csv",
          row.names = FALSE, quote = FALSE)
print(res, digits = 15)
cat(R.version.string, " deSolve ", as.character(packageVersion("deSolve")), "\n")
