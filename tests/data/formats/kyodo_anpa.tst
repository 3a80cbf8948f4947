K0012kyodo
f a BC-Japan-Election 12-09 0210
^BC-Japan-Election,210<
^Ruling party wins Saitama governor race <
^Kyodo News=
	   SAITAMA, Japan, Dec. 9 Kyodo - The candidate backed by the ruling party won the Saitama governor election on Sunday. 
 
	   Turnout was a record low 32 percent. 
 
	KYODO-12-09-19 1200GMT<
