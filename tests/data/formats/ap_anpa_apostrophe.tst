a0388int
r i BC-EU--Britain-Fishing 05-02 0388
^BC-EU--Britain-Fishing's Future,388<
^UK fishermen fear new quota rules will sink small boats<
^By JOHN DOE=
^Associated Press=
	   LONDON (AP) _ Britain's small fishing boats could disappear within a decade, industry groups warned Thursday. 
 
	   The government said the quotas protect fish stocks. 
 
	AP-WF-05-02-24 1530GMT<
