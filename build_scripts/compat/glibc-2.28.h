/* Force-included (gcc -include) when build_compat.sh compiles Python for the amd64 package, and by the tests.
   glibc 2.29 gave exp, log, pow, exp2 and log2 new symbol versions (faster, errno-free variants); code compiled
   against a newer glibc binds those and will not start on glibc 2.28 (UOS 20). Binding the x86-64 originals
   (GLIBC_2.2.5, same results for finite arguments) keeps such code at 2.28. */
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
