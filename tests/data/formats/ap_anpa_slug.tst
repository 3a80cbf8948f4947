a0712dow
u f BC-US--Wall-Street 03-12 0712
^BC-US--Wall Street/Stocks,1st Ld-Writethru,0712<
^Stocks climb as tech shares recover from early slide<
^Eds: Updates with closing prices.<
^By JANE ROE=
^AP Business Writer=
	   NEW YORK (AP) _ Stocks closed higher on Tuesday as technology companies recovered from an early slide. 
 
	   The S&P 500 rose 0.8 percent, its best day in two weeks. 
 
	AP-WF-03-12-24 2112GMT<
